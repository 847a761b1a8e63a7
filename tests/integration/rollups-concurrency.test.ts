import { afterAll, describe, expect, it } from "vitest";
import { withRollupLocks } from "@/lib/telemetry/rollup-lock";
import { RollupAccumulator, writeRollups } from "@/lib/telemetry/rollups";
import { closeTelemetryClients, mongo } from "./telemetry-helpers";

/**
 * Two or more workers flush rollup deltas for the same device and buckets at once (competing
 * consumers share every device). On the real FerretDB, whose `$inc` is not atomic.
 */
const deviceId = 1_800_000_000 + Math.floor(Math.random() * 1e6);
const rollups = () => mongo().collection("monitoring_rollups");
afterAll(async () => {
  await rollups().deleteMany({ device_id: deviceId });
  await closeTelemetryClients();
});

describe("rollup writers in parallel", () => {
  it("count every reading once when four workers flush the same device's buckets concurrently", async () => {
    const at = new Date("2026-11-01T10:00:30Z");
    const flushes = 12;
    const perFlush = 5;
    // Each flush is what one worker accumulated from its share of the device's readings.
    const flush = async (worker: number, round: number) => {
      const acc = new RollupAccumulator();
      acc.add(Array.from({ length: perFlush }, (_, i) => ({ device_id: deviceId, timestamp: at, metrics: { temperature: worker * 100 + round * 10 + i } })));
      const deltas = acc.take();
      let pending = deltas;
      // A lost upsert race (E11000 on a new bucket) is retried with the next flush, as the worker does.
      while (pending.length > 0) {
        const { unwritten } = await withRollupLocks([deviceId], () => writeRollups(mongo(), pending));
        pending = unwritten;
      }
    };
    const workers = [0, 1, 2, 3];
    await Promise.all(workers.map(async (w) => {
      for (let round = 0; round < flushes; round++) await flush(w, round);
    }));

    const minute = await rollups().findOne({ device_id: deviceId, metric: "temperature", size: "1m" });
    const expected = workers.length * flushes * perFlush;
    expect(minute?.count).toBe(expected);
    const values = workers.flatMap((w) => Array.from({ length: flushes }, (_, r) => Array.from({ length: perFlush }, (_, i) => w * 100 + r * 10 + i)).flat());
    expect(minute?.sum).toBe(values.reduce((a, b) => a + b, 0));
    expect(minute?.min).toBe(Math.min(...values));
    expect(minute?.max).toBe(Math.max(...values));
    const hour = await rollups().findOne({ device_id: deviceId, metric: "temperature", size: "1h" });
    expect(hour?.count).toBe(expected);
  }, 120_000);
});
