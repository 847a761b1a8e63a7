import { describe, expect, it } from "vitest";
import { parseBrokerMessage } from "./broker-events";

const buf = (v: unknown) => Buffer.from(JSON.stringify(v));
const reading = (timestamp: string, temperature: number) => ({
  messageId: "0b6f1c9e-8a53-4c1e-9a35-2f8a3c6f2d11",
  receivedAt: timestamp,
  timestamp,
  metrics: { temperature },
  location: { lat: 1, lng: 2 },
  raw_data: { secret: "internal" },
});

describe("parseBrokerMessage", () => {
  it("turns a batch into the newest reading, with allow-listed fields only", () => {
    const event = parseBrokerMessage(
      "telemetry.5",
      buf({ v: 1, deviceId: 5, readings: [reading("2026-11-27T10:00:02.000Z", 22), reading("2026-11-27T10:00:01.000Z", 21)] }),
    );
    expect(event).toEqual({
      kind: "telemetry",
      deviceId: 5,
      payload: { deviceId: 5, timestamp: "2026-11-27T10:00:02.000Z", metrics: { temperature: 22 }, location: { lat: 1, lng: 2 } },
    });
  });

  it("drops malformed messages, mismatched device ids and the worker's internal `seen` events", () => {
    expect(parseBrokerMessage("telemetry.5", Buffer.from("{nope"))).toBeNull();
    expect(parseBrokerMessage("telemetry.5", buf({ v: 1, deviceId: 6, readings: [reading("2026-11-27T10:00:00.000Z", 1)] }))).toBeNull();
    expect(parseBrokerMessage("telemetry.x", buf({}))).toBeNull();
    const seen = { v: 1, type: "seen", deviceId: 5, firstAt: "2026-11-27T10:00:00.000Z", lastAt: "2026-11-27T10:00:00.000Z" };
    expect(parseBrokerMessage("status.5", buf(seen))).toBeNull();
  });

  it("relays connectivity and alert events without fields it does not know", () => {
    const status = { v: 1, type: "connectivity", deviceId: 5, state: "offline", since: "2026-11-27T10:00:00.000Z", lastSeenAt: null };
    expect(parseBrokerMessage("status.5", buf(status))).toEqual({
      kind: "device_status",
      deviceId: 5,
      payload: { deviceId: 5, state: "offline", since: "2026-11-27T10:00:00.000Z", lastSeenAt: null },
    });
    const at = "2026-11-27T10:00:00.000Z";
    const alert = {
      id: "a1", deviceId: 5, alertType: "temperature_high", metric: "temperature", severity: "warning", status: "open",
      message: "Temperature above 40", acknowledged: false, count: 1, value: 41, threshold: 40, details: null,
      createdAt: at, firstSeenAt: at, lastSeenAt: at, acknowledgedAt: null, clearedAt: null,
    };
    const event = parseBrokerMessage("alert.5", buf({ v: 1, action: "raised", alert: { ...alert, ackNote: "staff only", acknowledgedBy: "a@b.c" } }));
    expect(event).toEqual({ kind: "alert", deviceId: 5, payload: { action: "raised", alert } });
  });
});
