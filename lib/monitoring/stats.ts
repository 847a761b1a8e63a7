import type { Db } from "mongodb";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { bucketStart, rollupId } from "@/lib/telemetry/rollups";
import { COLLECTIONS, telemetryDb, type RollupDoc } from "@/lib/telemetry/mongo";
import { METRICS, type Metric } from "@/lib/telemetry/schema";
import { assertWatchable } from "./readings";
import { INTERVALS, type Interval } from "./schemas";

export const MAX_BUCKETS = 1500;
const POINT_READS_UP_TO = 60;
/** The range shown when none is asked for: an hour of minutes, a day of hours, a month of days. */
const DEFAULT_SPAN: Record<Interval, number> = { "1m": 3_600_000, "1h": 86_400_000, "1d": 30 * 86_400_000 };

const statsBucketSchema = z.strictObject({
  start: z.iso.datetime(),
  count: z.number().int().min(0),
  avg: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export type StatsBucket = z.infer<typeof statsBucketSchema>;

/** `GET /api/monitoring/stats?deviceId&metric`: DeviceStats is its type. */
export const deviceStatsSchema = z.strictObject({
  deviceId: z.number().int().positive(),
  metric: z.enum(METRICS),
  interval: z.enum(Object.keys(INTERVALS) as [Interval, ...Interval[]]),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  buckets: z.array(statsBucketSchema),
});
export type DeviceStats = z.infer<typeof deviceStatsSchema>;

const rangeError = (message: string) =>
  new AppError("validation_failed", `Invalid input — from: ${message}`, { fields: [{ field: "from", message }] });

/**
 * One device's metric in buckets aligned to the interval (UTC boundaries), read from the
 * rollups the worker maintains — never from raw readings, so 7 days cost what 15 minutes do.
 * `from` is rounded down to its bucket; every bucket of the range is listed, empty ones with
 * count 0 (a chart shows the gap rather than joining across it).
 */
export async function getDeviceStats(
  user: SessionUser,
  q: { deviceId: number; metric: Metric; interval: Interval; from?: Date; to?: Date },
  now = new Date(),
): Promise<DeviceStats> {
  const ms = INTERVALS[q.interval];
  const to = q.to ?? now;
  const from = bucketStart(q.from ?? new Date(to.getTime() - DEFAULT_SPAN[q.interval]), ms);
  const count = Math.ceil((to.getTime() - from.getTime()) / ms);
  if (count > MAX_BUCKETS) throw rangeError(`the range holds ${count} ${q.interval} buckets; at most ${MAX_BUCKETS} (use a larger interval)`);
  await assertWatchable(user, q.deviceId);
  return readBuckets(q.deviceId, q.metric, q.interval, from, to);
}

/** For callers that checked visibility already (the fleet page's sparklines). */
export async function readBuckets(
  deviceId: number,
  metric: Metric,
  interval: Interval,
  rawFrom: Date,
  to: Date,
  db: Db = telemetryDb(),
): Promise<DeviceStats> {
  const ms = INTERVALS[interval];
  const from = bucketStart(rawFrom, ms);
  const q = { deviceId, metric, interval };
  const col = db.collection<RollupDoc>(COLLECTIONS.rollups);
  const projection = { start: 1, count: 1, sum: 1, min: 1, max: 1 };
  const wanted = Math.ceil((to.getTime() - from.getTime()) / ms);
  let docs: Pick<RollupDoc, "start" | "count" | "sum" | "min" | "max">[];
  if (wanted <= POINT_READS_UP_TO) {
    // A few buckets: point reads by _id. The equality query below would drag every stored bucket
    // of this size and metric (10,000 for a week of minutes) through FerretDB's in-memory filter.
    const ids = Array.from({ length: wanted }, (_, i) => rollupId(deviceId, metric, interval, new Date(from.getTime() + i * ms)));
    docs = (await Promise.all(ids.map((_id) => col.findOne({ _id }, { projection })))).filter((d) => d !== null);
  } else {
    // Equalities on device_id, metric and size are pushed down to PostgreSQL, leaving FerretDB the
    // buckets of one size and metric to range-filter. (Measured: ~10× faster than 168 point reads,
    // and far faster than an equality on device_id alone, which drags every rollup of the device.)
    docs = await col.find({ device_id: deviceId, metric, size: interval, start: { $gte: from, $lt: to } }, { projection }).toArray();
  }
  const byStart = new Map(docs.map((d) => [d.start.getTime(), d]));
  const buckets: StatsBucket[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += ms) {
    const d = byStart.get(t);
    buckets.push(
      d && d.count > 0
        ? { start: new Date(t).toISOString(), count: d.count, avg: d.sum / d.count, min: d.min, max: d.max }
        : { start: new Date(t).toISOString(), count: 0, avg: null, min: null, max: null },
    );
  }
  return { deviceId: q.deviceId, metric: q.metric, interval: q.interval, from: from.toISOString(), to: to.toISOString(), buckets };
}
