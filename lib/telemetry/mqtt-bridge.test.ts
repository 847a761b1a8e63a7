import { describe, expect, it } from "vitest";
import { z } from "zod";
import { mqttMessageId, nameUuid } from "./mqtt-bridge";
import { deviceMessageId, readingSchema } from "./schema";

const reading = readingSchema.parse({ timestamp: "2026-11-27T10:00:00Z", metrics: { temperature: 20 } });

describe("MQTT bridge message ids", () => {
  it("are valid UUIDs, stable for the same reading and distinct for other readings or devices", () => {
    expect(z.uuid().safeParse(nameUuid("x")).success).toBe(true);
    expect(mqttMessageId(1, reading)).toBe(mqttMessageId(1, readingSchema.parse({ timestamp: "2026-11-27T10:00:00Z", metrics: { temperature: 20 } })));
    expect(mqttMessageId(2, reading)).not.toBe(mqttMessageId(1, reading));
    expect(mqttMessageId(1, { ...reading, metrics: { temperature: 21 } })).not.toBe(mqttMessageId(1, reading));
  });

  it("come from the device's own messageId exactly as over HTTP", () => {
    const own = "6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
    expect(mqttMessageId(1, { ...reading, messageId: own })).toBe(deviceMessageId(1, own));
    expect(mqttMessageId(1, { ...reading, metrics: { temperature: 25 }, messageId: own })).toBe(deviceMessageId(1, own));
  });
});
