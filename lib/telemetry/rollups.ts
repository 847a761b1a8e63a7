import type { Db } from "mongodb";
import { COLLECTIONS, type ReadingDoc, type RollupDoc } from "./mongo";
import { METRICS } from "./schema";

export const BUCKETS = [
  { size: "1m", ms: 60_000 },
  { size: "1h", ms: 3_600_000 },
  { size: "1d", ms: 86_400_000 },
] as const;
export type BucketSize = (typeof BUCKETS)[number]["size"];

export const bucketStart = (at: Date, ms: number) => new Date(Math.floor(at.getTime() / ms) * ms);
export const rollupId = (deviceId: number, metric: string, size: string, start: Date) =>
  `${deviceId}:${metric}:${size}:${start.toISOString()}`;

/**
 * Rollup deltas merged in memory. The worker adds every batch it stored and writes the merged
 * deltas every ROLLUP_FLUSH_MS: the number of upserts then depends on the devices and buckets
 * touched, not on the reading rate (each FerretDB upsert costs milliseconds).
 */
export class RollupAccumulator {
  private deltas = new Map<string, RollupDoc>();

  get size(): number {
    return this.deltas.size;
  }

  add(docs: Iterable<Pick<ReadingDoc, "device_id" | "timestamp" | "metrics">>): void {
    for (const doc of docs) {
      for (const metric of METRICS) {
        const value = doc.metrics[metric];
        if (typeof value !== "number") continue;
        for (const bucket of BUCKETS) {
          const start = bucketStart(doc.timestamp, bucket.ms);
          const id = rollupId(doc.device_id, metric, bucket.size, start);
          const delta = this.deltas.get(id);
          if (delta) {
            delta.count++;
            delta.sum += value;
            delta.min = Math.min(delta.min, value);
            delta.max = Math.max(delta.max, value);
          } else {
            this.deltas.set(id, { _id: id, device_id: doc.device_id, metric, size: bucket.size, start, count: 1, sum: value, min: value, max: value });
          }
        }
      }
    }
  }

  /** Takes the pending deltas, leaving the accumulator empty. */
  take(): RollupDoc[] {
    const out = [...this.deltas.values()];
    this.deltas.clear();
    return out;
  }

  /** Puts deltas back after a failed write so they are retried with the next flush. */
  restore(deltas: RollupDoc[]): void {
    for (const d of deltas) this.merge(d);
  }

  private merge(d: RollupDoc) {
    const have = this.deltas.get(d._id);
    if (!have) return void this.deltas.set(d._id, { ...d });
    have.count += d.count;
    have.sum += d.sum;
    have.min = Math.min(have.min, d.min);
    have.max = Math.max(have.max, d.max);
  }
}

/**
 * Applies deltas as single-document upserts (`$inc` count/sum, `$min`, `$max`), a few at a time.
 * Not one bulkWrite: FerretDB 1.24 holds a backend connection per updated document until a
 * multi-statement update finishes, and a large one exhausts its pool and hangs the server.
 */
export async function writeRollups(db: Db, deltas: RollupDoc[], concurrency = 4): Promise<{ unwritten: RollupDoc[]; error?: Error }> {
  const col = db.collection<RollupDoc>(COLLECTIONS.rollups);
  const unwritten: RollupDoc[] = [];
  let next = 0;
  let failure: Error | undefined;
  const lane = async () => {
    while (next < deltas.length && !failure) {
      const d = deltas[next++];
      await col.updateOne(
        { _id: d._id },
        {
          $inc: { count: d.count, sum: d.sum },
          $min: { min: d.min },
          $max: { max: d.max },
          $setOnInsert: { device_id: d.device_id, metric: d.metric, size: d.size, start: d.start },
        },
        { upsert: true },
      ).catch((error: Error) => {
        failure ??= error;
        unwritten.push(d);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, deltas.length) }, lane));
  // What no lane reached is retried with the next flush, like what failed.
  unwritten.push(...deltas.slice(next));
  return { unwritten, error: failure };
}
