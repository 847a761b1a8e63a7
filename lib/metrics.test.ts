import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { metrics, routeLabel, serveMetrics, timeRequest } from "./metrics";

describe("metrics", () => {
  it("labels routes by template, so ids do not explode the series count", () => {
    expect(routeLabel("/api/devices/123/status")).toBe("/api/devices/:id/status");
    expect(routeLabel("/api/orders/ORD-2026-000123")).toBe("/api/orders/:id");
    expect(routeLabel("/api/deliveries/3f2b6c1e-1111-4a2b-9c3d-123456789abc")).toBe("/api/deliveries/:id");
    expect(routeLabel("/api/catalog")).toBe("/api/catalog");
  });

  it("times requests by method, route template and status", async () => {
    await timeRequest("PUT", "/api/devices/42/status", async () => new Response(null, { status: 409 }));
    const text = await metrics().registry.metrics();
    expect(text).toMatch(/http_request_duration_seconds_count\{method="PUT",route="\/api\/devices\/:id\/status",status="409"\} 1/);
  });

  it("counts a failed handler as a 500", async () => {
    await expect(timeRequest("GET", "/api/boom", () => Promise.reject(new Error("x")))).rejects.toThrow();
    expect(await metrics().registry.metrics()).toMatch(/route="\/api\/boom",status="500"\} 1/);
  });

  it("includes event-loop lag among the process metrics", async () => {
    expect(await metrics().registry.metrics()).toMatch(/^nodejs_eventloop_lag_p99_seconds/m);
  });

  describe("internal metrics port", () => {
    const server = serveMetrics(0);
    afterAll(() => server.close());
    const url = (p: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${p}`;

    it("serves Prometheus text at /metrics and a health answer at /healthz", async () => {
      await new Promise((r) => (server.listening ? r(null) : server.once("listening", r)));
      metrics().readingsStored.inc(3);
      const res = await fetch(url("/metrics"));
      expect(res.headers.get("content-type")).toMatch(/text\/plain/);
      expect(await res.text()).toMatch(/^readings_stored_total\b.* \d+/m);
      expect((await fetch(url("/healthz"))).status).toBe(200);
      expect((await fetch(url("/other"))).status).toBe(404);
    });
  });

  it("defines every metric the Grafana dashboard plots", async () => {
    const dashboard = JSON.parse(readFileSync("ops/grafana/dashboards/device-store.json", "utf8")) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const defined = new Set<string>();
    for (const m of await metrics().registry.getMetricsAsJSON()) {
      defined.add(m.name);
      for (const suffix of ["_bucket", "_sum", "_count"]) defined.add(m.name + suffix);
    }
    const promql = new Set(["sum", "max", "by", "rate", "increase", "histogram_quantile", "le", "route", "status", "queue", "severity", "instance", "process"]);
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets) {
        const bare = expr.replace(/\[[^\]]*\]/g, "").replace(/"[^"]*"/g, ""); // no ranges, no label values
        const names = (bare.match(/[a-z_][a-z0-9_]*/g) ?? []).filter((n) => !promql.has(n));
        for (const name of names) expect(defined, `${panel.title}: ${name}`).toContain(name);
      }
    }
  });
});
