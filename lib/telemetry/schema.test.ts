import { describe, expect, it } from "vitest";
import { ingestBatchSchema, ingestReadingSchema, telemetryMessageSchema, toMessageJson } from "./schema";

const good = { timestamp: new Date().toISOString(), metrics: { temperature: 21.5, humidity: 40 } };

describe("reading schema", () => {
  it("accepts a plausible reading and names the field of an implausible one", () => {
    expect(ingestReadingSchema.safeParse(good).success).toBe(true);
    const bad = ingestReadingSchema.safeParse({ ...good, metrics: { humidity: 120 } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(["metrics", "humidity"]);
  });

  it("refuses timestamps in the future, too old, or not dates at all", () => {
    for (const timestamp of [new Date(Date.now() + 3600_000).toISOString(), "2001-01-01T00:00:00Z", "yesterday", 9e15]) {
      const res = ingestReadingSchema.safeParse({ ...good, timestamp });
      expect(res.success, String(timestamp)).toBe(false);
      expect(res.error!.issues.some((i) => i.path[0] === "timestamp")).toBe(true);
    }
  });

  it("round-trips through the queue message unchanged", () => {
    const parsed = ingestBatchSchema.parse({ readings: [{ ...good, location: { lat: 1, lng: 2 }, raw_data: { a: 1 } }] });
    const stamped = parsed.readings.map((r) => ({ ...r, messageId: "6f1c7c2e-3b1a-4f57-9a51-0c3d0f1e2a3b", receivedAt: new Date() }));
    const message = telemetryMessageSchema.parse(JSON.parse(JSON.stringify(toMessageJson(7, stamped))));
    expect(message.deviceId).toBe(7);
    expect(message.readings[0]).toMatchObject({ metrics: good.metrics, location: { lat: 1, lng: 2 }, raw_data: { a: 1 } });
    expect(message.readings[0].timestamp.toISOString()).toBe(good.timestamp);
  });
});
