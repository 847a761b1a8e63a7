import type { Filter, ObjectId } from "mongodb";
import { formatCsv } from "@/lib/csv";
import { logger } from "@/lib/logger";
import { COLLECTIONS, telemetryDb, type ReadingDoc } from "@/lib/telemetry/mongo";
import { METRICS } from "@/lib/telemetry/schema";
import { timeRange } from "./readings";

type StoredReading = ReadingDoc & { _id: ObjectId };

export const EXPORT_HEADER = ["timestamp", "received_at", ...METRICS, "lat", "lng"];
const BATCH = 2000;

/**
 * A device's readings over a range as CSV, oldest first, streamed: one keyset query per batch,
 * each read to the end (which closes its cursor: FerretDB holds a backend connection per open
 * cursor), so any number of rows costs constant memory and never wedges the server.
 */
export function streamReadingsCsv(deviceId: number, from?: Date, to?: Date): ReadableStream<Uint8Array> {
  const col = telemetryDb().collection<StoredReading>(COLLECTIONS.data);
  const encoder = new TextEncoder();
  let after: { at: Date; id: ObjectId } | undefined;
  let headerSent = false;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(formatCsv([EXPORT_HEADER])));
        return;
      }
      try {
        const base: Filter<StoredReading> = { device_id: deviceId, ...timeRange(from, to) };
        const filter = after ? { $and: [base, { $or: [{ timestamp: { $gt: after.at } }, { timestamp: after.at, _id: { $gt: after.id } }] }] } : base;
        const docs = await col.find(filter as Filter<StoredReading>).sort({ timestamp: 1, _id: 1 }).limit(BATCH).toArray();
        if (cancelled) return;
        if (docs.length === 0) return controller.close();
        const rows = docs.map((d) => [
          d.timestamp.toISOString(),
          d.receivedAt.toISOString(),
          ...METRICS.map((m) => d.metrics[m] ?? ""),
          d.location?.lat ?? "",
          d.location?.lng ?? "",
        ]);
        controller.enqueue(encoder.encode(formatCsv(rows)));
        const last = docs[docs.length - 1];
        after = { at: last.timestamp, id: last._id };
        if (docs.length < BATCH) controller.close();
      } catch (error) {
        logger().error({ err: error, deviceId }, "readings export failed mid-stream");
        controller.error(error);
      }
    },
    cancel() {
      cancelled = true;
    },
  });
}
