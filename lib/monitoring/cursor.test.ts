import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decodeTimeCursor, encodeTimeCursor } from "./cursor";
import { alertsQuerySchema, statsQuerySchema } from "./schemas";

describe("time cursors", () => {
  it("round-trip the last item's time and id", () => {
    const id = new ObjectId();
    const at = new Date("2026-11-27T10:00:00.123Z");
    const back = decodeTimeCursor(encodeTimeCursor(at, id));
    expect(back.at.toISOString()).toBe(at.toISOString());
    expect(back.id.toHexString()).toBe(id.toHexString());
  });

  it("refuse anything else as a validation error, never a crash", () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const bad of ["", "garbage!", "a\u0000b", b64([]), b64(["2026-01-01T00:00:00Z", "xyz"]), b64(["not a date", "0123456789abcdef01234567"]), b64({ toString: null }), "x".repeat(201)]) {
      expect(() => decodeTimeCursor(bad), bad).toThrow(AppError);
    }
  });
});

describe("monitoring query schemas", () => {
  it("reject bad intervals, NUL bytes, reversed ranges and a metric without a device", () => {
    expect(statsQuerySchema.safeParse({ deviceId: "1", metric: "temperature", interval: "5m" }).success).toBe(false);
    expect(statsQuerySchema.safeParse({ deviceId: "1", metric: "temperature", from: "2026-01-01T00:00:00Z\u0000" }).success).toBe(false);
    expect(statsQuerySchema.safeParse({ deviceId: "1", metric: "temperature", from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" }).success).toBe(false);
    expect(statsQuerySchema.safeParse({ metric: "temperature" }).success).toBe(false);
    expect(statsQuerySchema.parse({ deviceId: "7", metric: "humidity" })).toMatchObject({ deviceId: 7, metric: "humidity", interval: "1h" });
    expect(alertsQuerySchema.parse({})).toMatchObject({ status: "open", limit: 25 });
    expect(alertsQuerySchema.safeParse({ status: "closed" }).success).toBe(false);
  });
});
