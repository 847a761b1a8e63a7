import { describe, expect, it } from "vitest";
import { z } from "zod";
import { nameUuid, stableIds } from "./mqtt-bridge";

const reading = { timestamp: "2026-11-27T10:00:00Z", metrics: { temperature: 20 } };

describe("MQTT bridge message ids", () => {
  it("are valid UUIDs, stable for the same reading and distinct for different ones", () => {
    expect(z.uuid().safeParse(nameUuid("x")).success).toBe(true);
    const a = stableIds(1, reading);
    const b = stableIds(1, reading);
    const c = stableIds(2, reading);
    expect("ids" in a && "ids" in b && "ids" in c).toBe(true);
    if (!("ids" in a) || !("ids" in b) || !("ids" in c)) return;
    expect(a.ids).toEqual(b.ids);
    expect(a.ids[0]).not.toBe(c.ids[0]);
  });

  it("derive from a client messageId when sent, and strip it before validation", () => {
    const one = stableIds(1, { ...reading, messageId: "m-1" });
    const two = stableIds(1, { ...reading, metrics: { temperature: 21 }, messageId: "m-1" });
    if (!("ids" in one) || !("ids" in two)) throw new Error("unexpected error");
    expect(one.ids).toEqual(two.ids);
    expect(one.body).toEqual(reading);
    const batch = stableIds(1, { readings: [{ ...reading, messageId: "a" }, reading] });
    if (!("ids" in batch)) throw new Error("unexpected error");
    expect(batch.ids).toHaveLength(2);
    expect((batch.body as { readings: unknown[] }).readings[0]).toEqual(reading);
    expect(stableIds(1, { ...reading, messageId: 5 })).toEqual({ error: expect.stringContaining("messageId") });
  });
});
