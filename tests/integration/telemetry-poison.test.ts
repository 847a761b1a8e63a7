import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReadingDoc } from "@/lib/telemetry/mongo";
import { storeReadingsIsolating } from "@/lib/telemetry/store";
import { errorCode } from "./helpers";
import { TestBroker } from "./queue-helpers";
import { closeTelemetryClients, countFor, fieldDevice, ingest, mongo, reading, readings, startWorker, stopWorker, waitFor, type Worker } from "./telemetry-helpers";

/**
 * Telemetry that the store can never accept must not stop the pipeline: each poison shape is put
 * straight onto the queue (as if ingest had let it through), and the worker dead-letters that
 * reading with its reason while storing its neighbours and everything behind it.
 */
let worker: Worker | undefined;
let broker: TestBroker;

const nest = (levels: number) => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { d: v };
  return v as Record<string, unknown>;
};
const POISON: Array<[string, Record<string, unknown>]> = [
  ["dollar key", { $where: "1" }],
  ["nested dollar key", { a: { $gt: 1 } }],
  ["dotted key", { "a.b": 1 }],
  ["NUL in key", { "a\u0000b": 1 }],
  ["NUL in string", { note: "x\u0000y" }],
  ["array in array", { m: [[1, 2]] }],
  ["deep nesting", nest(150)],
];
const good = (i: number) => ({ timestamp: new Date(Date.now() - 30_000 + i).toISOString(), metrics: { temperature: 20 + i / 100 } });

beforeAll(async () => {
  broker = await TestBroker.open();
  worker = startWorker();
});
afterAll(async () => {
  await stopWorker(worker);
  await broker.close();
  await closeTelemetryClients();
});

describe("poison telemetry", () => {
  it("dead-letters each poison reading with its reason and stores the rest of its batch", async () => {
    const device = await fieldDevice();
    const poisonIds = new Map<string, string>();
    for (const [n, [name, raw_data]] of POISON.entries()) {
      const id = randomUUID();
      poisonIds.set(id, name);
      // Poison in the middle of a batch, and poison alone in a message.
      await broker.publishReadings(device.id, [good(3 * n), { ...good(3 * n + 1), messageId: id, raw_data }, good(3 * n + 2)]);
    }
    const alone = randomUUID();
    await broker.publishReadings(device.id, [{ ...good(100), messageId: alone, raw_data: { "x.y": 1 } }]);

    const expected = POISON.length * 2;
    await waitFor(`${expected} good readings`, async () => (await countFor([device.id])) >= expected);
    const dead = await broker.takeDeadLetters((id) => poisonIds.has(id) || id === alone, POISON.length + 1);
    for (const [id, name] of poisonIds) {
      const letter = dead.get(id)!;
      expect(letter, name).toBeDefined();
      expect(letter.reason, name).toMatch(/^readings\.1\.raw_data/);
      // The dead letter holds just that reading, replayable as a message of its own.
      const body = JSON.parse(letter.body);
      expect(body).toMatchObject({ v: 1, deviceId: device.id, readings: [{ messageId: id }] });
    }
    expect(dead.get(alone)!.reason).toMatch(/readings\.0\.raw_data\.x\.y: key must not contain '\.'/);

    // Still storing: readings sent after the poison arrive, and nothing poisoned was stored.
    const after = await broker.publishReadings(device.id, [good(200), good(201)]);
    await waitFor("readings behind the poison", async () => (await readings().countDocuments({ messageId: after[1].messageId })) === 1);
    expect(await countFor([device.id])).toBe(expected + 2);
    for (const id of poisonIds.keys()) expect(await readings().countDocuments({ messageId: id })).toBe(0);
  }, 120_000);

  it("isolates a document the store refuses even when validation missed it, storing the others", async () => {
    const deviceId = 2_000_000_000 - Math.floor(Math.random() * 1e6);
    const docs: ReadingDoc[] = Array.from({ length: 7 }, (_, i) => ({
      messageId: randomUUID(),
      device_id: deviceId,
      timestamp: new Date(),
      receivedAt: new Date(),
      metrics: { temperature: i },
      ...(i === 2 ? { raw_data: { $bad: 1 } } : i === 5 ? { raw_data: { s: "nul\u0000" } } : {}),
    }));
    const outcome = await storeReadingsIsolating(mongo(), docs);
    expect(outcome.rejected.map((r) => r.doc.metrics.temperature).sort()).toEqual([2, 5]);
    expect(outcome.rejected.every((r) => r.reason.startsWith("store refused the reading"))).toBe(true);
    expect(await readings().countDocuments({ device_id: deviceId })).toBe(5);
    await readings().deleteMany({ device_id: deviceId });
  }, 60_000);
});

describe("ingest", () => {
  it("refuses poison raw_data with a 422 naming the field, and stores nothing", async () => {
    const device = await fieldDevice();
    for (const [name, raw_data] of POISON) {
      const res = await ingest(device.token, { ...reading(1), raw_data });
      expect(res.status, name).toBe(422);
      expect(errorCode(res)).toBe("validation_failed");
      expect(JSON.stringify(res.body.error.details), name).toContain("raw_data");
    }
    expect((await ingest(device.token, reading(2))).status).toBe(202);
    await waitFor("the good reading", async () => (await countFor([device.id])) === 1);
  }, 60_000);

  it("stores a reading sent twice with the same client messageId once, without colliding with another device's", async () => {
    const [a, b] = await Promise.all([fieldDevice(), fieldDevice()]);
    const messageId = randomUUID();
    const body = { ...reading(7), messageId };
    const first = await ingest(a.token, body);
    const retry = await ingest(a.token, body);
    const other = await ingest(b.token, { ...reading(8), messageId });
    expect([first.status, retry.status, other.status]).toEqual([202, 202, 202]);
    expect(retry.body.messageIds).toEqual(first.body.messageIds);
    expect(other.body.messageIds).not.toEqual(first.body.messageIds);
    // A marker sent after the retry: once it is stored, the retry behind it in the queue was handled.
    expect((await ingest(a.token, reading(9))).status).toBe(202);
    await waitFor("both devices' readings", async () => (await countFor([a.id])) === 2 && (await countFor([b.id])) === 1);
    expect(await readings().countDocuments({ messageId: first.body.messageIds[0] })).toBe(1);
    expect(await countFor([b.id])).toBe(1);
  }, 60_000);
});
