import { MongoBulkWriteError, type Db } from "mongodb";
import { config } from "@/lib/config";
import { COLLECTIONS, type ReadingDoc } from "./mongo";
import { describeStoreError, isTransientStoreError } from "./store-errors";
import type { TelemetryMessage } from "./schema";

const DUPLICATE_KEY = 11000;

export function toReadingDocs(message: TelemetryMessage): ReadingDoc[] {
  return message.readings.map((r) => ({
    messageId: r.messageId,
    device_id: message.deviceId,
    timestamp: r.timestamp,
    receivedAt: r.receivedAt,
    metrics: r.metrics,
    ...(r.location ? { location: r.location } : {}),
    ...(r.raw_data ? { raw_data: r.raw_data } : {}),
  }));
}

/**
 * Inserts readings unordered. A duplicate `messageId` means this reading was stored before a
 * redelivery, so it counts as success. Returns the documents that were new (for the rollups).
 */
export async function storeReadings(db: Db, docs: ReadingDoc[]): Promise<ReadingDoc[]> {
  if (docs.length === 0) return [];
  try {
    // Copies: the driver adds `_id` to the objects it is given.
    await db.collection(COLLECTIONS.data).insertMany(docs.map((d) => ({ ...d })), { ordered: false });
    return docs;
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    if (errors.length === 0 || errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    const duplicate = new Set(errors.map((e) => e.index));
    return docs.filter((_, i) => !duplicate.has(i));
  }
}

export interface StoreOutcome {
  /** Newly stored (not duplicates of earlier deliveries). */
  inserted: ReadingDoc[];
  /** Readings the store refuses for good, with the reason. */
  rejected: Array<{ doc: ReadingDoc; reason: string }>;
}

/**
 * Stores what it can and isolates what the store refuses: on a permanent error the batch is
 * halved until each refused reading stands alone (FerretDB fails a whole unordered insert on one
 * bad document, without per-document errors). Transient errors are thrown for the caller's retry.
 * Re-inserting the halves is harmless (duplicates are success), but a reading stored by the
 * failed attempt then counts as a duplicate, so its rollup is skipped: rare, since the worker
 * validates readings before writing and only unforeseen refusals get here.
 */
export async function storeReadingsIsolating(db: Db, docs: ReadingDoc[]): Promise<StoreOutcome> {
  try {
    return { inserted: await storeReadings(db, docs), rejected: [] };
  } catch (error) {
    if (isTransientStoreError(error)) throw error;
    if (docs.length === 1) return { inserted: [], rejected: [{ doc: docs[0], reason: describeStoreError(error) }] };
    const mid = Math.ceil(docs.length / 2);
    const first = await storeReadingsIsolating(db, docs.slice(0, mid));
    const second = await storeReadingsIsolating(db, docs.slice(mid));
    return { inserted: [...first.inserted, ...second.inserted], rejected: [...first.rejected, ...second.rejected] };
  }
}

/** Retention: deletes raw readings and each rollup level past its configured age. */
export async function deleteExpiredTelemetry(db: Db, now = new Date()): Promise<Record<string, number>> {
  const c = config();
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const raw = await db.collection(COLLECTIONS.data).deleteMany({ timestamp: { $lt: ago(c.RETENTION_RAW_DAYS) } });
  const result: Record<string, number> = { raw: raw.deletedCount };
  const levels = { "1m": c.RETENTION_ROLLUP_MINUTE_DAYS, "1h": c.RETENTION_ROLLUP_HOUR_DAYS, "1d": c.RETENTION_ROLLUP_DAY_DAYS };
  for (const [size, days] of Object.entries(levels)) {
    const res = await db.collection(COLLECTIONS.rollups).deleteMany({ size, start: { $lt: ago(days) } });
    result[size] = res.deletedCount;
  }
  return result;
}
