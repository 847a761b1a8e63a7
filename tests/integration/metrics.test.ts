import { describe, expect, it } from "vitest";
import { adminToken, api, newCustomer } from "./helpers";
import { until } from "./process-helpers";

/** GET /api/metrics: the web process's Prometheus metrics, for admins (or the scrape token) only. */
describe("GET /api/metrics", () => {
  it("is not public", async () => {
    expect((await api("/api/metrics")).status).toBe(401);
    const customer = await newCustomer();
    expect((await api("/api/metrics", { token: customer.token })).status).toBe(403);
  });

  it("gives an admin request latency by route template, queue depths and event-loop lag", async () => {
    const token = await adminToken();
    await api("/api/devices?limit=1", { token });
    const res = await api("/api/metrics", { token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const lines = (res.body as string).split("\n");
    const sample = (name: string, ...labels: string[]) => lines.find((l) => l.startsWith(name + "{") && labels.every((x) => l.includes(x)));
    expect(sample("http_request_duration_seconds_count", 'method="GET"', 'route="/api/devices"', 'status="200"', 'process="web"')).toMatch(/ [1-9]\d*$/);
    expect(sample("nodejs_eventloop_lag_seconds", 'process="web"')).toBeDefined();
    // Queue depth is read from the broker at scrape time (the first scrape after start may miss it).
    await until("queue depth in the metrics", async () => {
      const text = (await api("/api/metrics", { token })).body as string;
      return /^rabbitmq_queue_messages\{[^}]*queue="queue_data_ingestion"[^}]*\} \d+/m.test(text);
    });
  });
});
