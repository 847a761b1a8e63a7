import { describe, expect, it } from "vitest";
import { parseIngestBody } from "./ingest";
import { deviceMessageId, telemetryMessageSchema } from "./schema";

const good = { timestamp: new Date().toISOString(), metrics: { temperature: 21.5 } };
const nest = (levels: number) => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { d: v };
  return v as Record<string, unknown>;
};

/** The shapes FerretDB/MongoDB refuse, and where ingest must say the problem is. */
const POISON_RAW_DATA: Array<[string, Record<string, unknown>, string]> = [
  ["a key starting with $", { $where: 1 }, "raw_data.$where"],
  ["a nested key starting with $", { a: { $gt: 1 } }, "raw_data.a.$gt"],
  ["a key with a dot", { "a.b": 1 }, "raw_data.a.b"],
  ["a key with NUL", { "a\u0000b": 1 }, "raw_data.a\u0000b"],
  ["NUL inside a string", { note: "x\u0000y" }, "raw_data.note"],
  ["an array inside an array", { m: [[1, 2]] }, "raw_data.m.0"],
  ["deep nesting", nest(10_000), "raw_data.d.d.d.d.d.d.d.d"],
];

describe("raw_data at ingest", () => {
  it.each(POISON_RAW_DATA)("refuses %s with a 422 naming the field", (_, raw_data, field) => {
    let error: unknown;
    try {
      parseIngestBody({ ...good, raw_data });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "validation_failed" });
    const details = JSON.stringify((error as { details?: unknown }).details);
    expect(details).toContain(JSON.stringify(field).slice(1, -1));
  });

  it("accepts ordinary nested data, arrays of objects and arrays of numbers", () => {
    const raw_data = { fw: "1.2", ch: [{ rssi: -70 }, { rssi: -71 }], samples: [1, 2, 3], nested: nest(6), "with-dash_and space": true };
    expect(parseIngestBody({ ...good, raw_data })).toHaveLength(1);
  });

  it("is applied to queued messages as well, so the worker can tell poison from data", () => {
    const message = { v: 1, deviceId: 1, readings: [{ ...good, messageId: crypto.randomUUID(), receivedAt: new Date().toISOString(), raw_data: { $x: 1 } }] };
    expect(telemetryMessageSchema.safeParse(message).success).toBe(false);
  });
});

describe("client message ids", () => {
  it("derive a stored id per device: stable for one device, different across devices", () => {
    const client = "0b7e2c52-5f2a-4d7e-8a4c-2f9d3c1e7a10";
    expect(deviceMessageId(5, client)).toBe(deviceMessageId(5, client.toUpperCase()));
    expect(deviceMessageId(5, client)).not.toBe(deviceMessageId(6, client));
    expect(deviceMessageId(5, client)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("accepts a UUID per reading and refuses anything else", () => {
    expect(parseIngestBody({ ...good, messageId: "0b7e2c52-5f2a-4d7e-8a4c-2f9d3c1e7a10" })[0].messageId).toBe("0b7e2c52-5f2a-4d7e-8a4c-2f9d3c1e7a10");
    expect(() => parseIngestBody({ ...good, messageId: "retry-1" })).toThrow();
  });
});
