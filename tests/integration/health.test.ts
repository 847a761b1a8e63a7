import { describe, expect, it } from "vitest";
import { adminToken, api, newCustomer } from "./helpers";

describe("GET /api/health", () => {
  it("reports each backing service as ok to an admin when PostgreSQL, RabbitMQ and the MongoDB server answer", async () => {
    const res = await api("/api/health", { token: await adminToken() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", checks: { postgres: "ok", rabbitmq: "ok", mongodb: "ok" } });
  });

  it("tells the public and customers only the overall status", async () => {
    const anonymous = await api("/api/health");
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ status: "ok" });
    const customer = await newCustomer();
    expect((await api("/api/health", { token: customer.token })).body).toEqual({ status: "ok" });
  });
});

describe("health probes reuse connections", () => {
  const vhost = process.env.RABBITMQ_VHOST ?? "device_store_test";
  const connections = async () => {
    const res = await fetch(`http://127.0.0.1:15672/api/vhosts/${encodeURIComponent(vhost)}/connections`, {
      headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}` },
    });
    if (!res.ok) throw new Error(`RabbitMQ management API: ${res.status}`);
    return ((await res.json()) as unknown[]).length;
  };

  it("many health checks do not open an AMQP connection each", async () => {
    const token = await adminToken();
    await api("/api/health", { token });
    const before = await connections();
    for (let i = 0; i < 8; i++) {
      expect((await api("/api/health", { token })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 500));
    }
    // The management API's statistics lag a few seconds; poll briefly, then compare.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(await connections()).toBeLessThanOrEqual(before + 1);
  }, 60_000);
});
