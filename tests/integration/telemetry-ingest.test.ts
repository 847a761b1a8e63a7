import { afterAll, describe, expect, it } from "vitest";
import { api, errorCode } from "./helpers";
import { closeTelemetryClients, fieldDevice, ingest, queueDepth, reading } from "./telemetry-helpers";

afterAll(closeTelemetryClients);

// No worker runs in this file, so the ingestion queue's depth shows exactly what was published.
const depth = () => queueDepth("queue_data_ingestion");

describe("ingest validation", () => {
  it("accepts a single reading and a batch with 202, a messageId per reading", async () => {
    const device = await fieldDevice();
    const before = await depth();
    const one = await ingest(device.token, reading());
    expect(one.status).toBe(202);
    expect(one.body.accepted).toBe(1);
    const batch = await ingest(device.token, { readings: [reading(), reading(), reading()] });
    expect(batch.status).toBe(202);
    expect(new Set(batch.body.messageIds).size).toBe(3);
    expect(await depth()).toBe(before + 2);
  });

  it("refuses bad readings with the 4xx envelope naming the field, and publishes nothing", async () => {
    const device = await fieldDevice();
    const before = await depth();
    const good = reading();
    const cases: Array<[unknown, number, string]> = [
      [{ ...good, metrics: { ...good.metrics, humidity: 140 } }, 422, "metrics.humidity"],
      [{ ...good, metrics: { ...good.metrics, temperature: "hot" } }, 422, "metrics.temperature"],
      [{ ...good, metrics: { pressure: 3 } }, 422, "metrics.pressure"],
      [{ ...good, metrics: {} }, 422, "metrics"],
      [{ ...good, location: { lat: 91, lng: 0 } }, 422, "location.lat"],
      [{ ...good, timestamp: new Date(Date.now() + 3600_000).toISOString() }, 422, "timestamp"],
      [{ ...good, timestamp: new Date(Date.now() - 30 * 86_400_000).toISOString() }, 422, "timestamp"],
      [{ ...good, timestamp: "yesterday" }, 422, "timestamp"],
      [{ readings: [good, { ...good, metrics: { cpu_usage: -1 } }] }, 422, "readings.1.metrics.cpu_usage"],
      [{ readings: [] }, 422, "readings"],
    ];
    for (const [body, status, field] of cases) {
      const res = await ingest(device.token, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(errorCode(res)).toBe("validation_failed");
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const notJson = await api("/api/ingest", { method: "POST", token: device.token, body: "{nope", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(errorCode(notJson)).toBe("bad_request");

    const tooMany = await ingest(device.token, { readings: Array.from({ length: 501 }, () => good) });
    expect(tooMany.status).toBe(413);
    expect(errorCode(tooMany)).toBe("payload_too_large");

    const huge = await api("/api/ingest", {
      method: "POST",
      token: device.token,
      body: JSON.stringify({ ...good, raw_data: { blob: "x".repeat(10 * 1024 * 1024) } }),
      headers: { "content-type": "application/json" },
    });
    expect(huge.status).toBe(413);
    expect(errorCode(huge)).toBe("payload_too_large");

    expect(await depth()).toBe(before);
  });

  it("answers 429 beyond the per-device rate and keeps accepting other devices", async () => {
    const device = await fieldDevice();
    const other = await fieldDevice();
    const batch = { readings: Array.from({ length: 500 }, (_, i) => reading(i)) };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await ingest(device.token, batch)).status);
    expect(statuses.slice(0, 2)).toEqual([202, 202]);
    expect(statuses).toContain(429);
    const limited = await ingest(device.token, batch);
    expect(errorCode(limited)).toBe("rate_limited");
    expect(limited.headers.get("retry-after")).toBeTruthy();
    expect((await ingest(other.token, reading())).status).toBe(202);
  });
});
