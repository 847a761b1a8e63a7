import { z } from "zod";
import { ALERT_SEVERITIES } from "@/lib/monitoring/alert-model";
import { METRICS } from "@/lib/telemetry/schema";

/** Query text: bounded, and no NUL (PostgreSQL and FerretDB refuse it; it is never meaningful). */
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`).refine((s) => !s.includes("\0"), "must not contain NUL");

const id = z.coerce.number({ error: "must be a device id" }).int("must be a device id").positive("must be a device id").max(2_147_483_647);
const isoTime = text(40).pipe(z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" })).transform((v) => new Date(v));

export const INTERVALS = { "1m": 60_000, "1h": 3_600_000, "1d": 86_400_000 } as const;
export type Interval = keyof typeof INTERVALS;
const intervalSchema = z.enum(Object.keys(INTERVALS) as [Interval, ...Interval[]], { error: "must be one of 1m, 1h, 1d" });
export const metricSchema = z.enum(METRICS, { error: `must be one of ${METRICS.join(", ")}` });

const limit = (max: number, dflt: number) => z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(max, `must be at most ${max}`).default(dflt);

const range = { from: isoTime.optional(), to: isoTime.optional() };
const fromBeforeTo = (q: { from?: Date; to?: Date }) => !q.from || !q.to || q.from < q.to;
const rangeIssue = { message: "must be before to", path: ["from"] };

const readingsFields = { ...range, limit: limit(1000, 100), cursor: text(200).optional() };
export const readingsQuerySchema = z.strictObject({ deviceId: id.optional(), ...readingsFields }).refine(fromBeforeTo, rangeIssue);
/** `/data/{deviceId}`: the device is in the path. */
export const deviceReadingsQuerySchema = z.strictObject(readingsFields).refine(fromBeforeTo, rangeIssue);
export type ReadingsQuery = z.infer<typeof readingsQuerySchema>;

export const exportQuerySchema = z.strictObject({ ...range }).refine(fromBeforeTo, rangeIssue);

export const statsQuerySchema = z
  .strictObject({ deviceId: id.optional(), metric: metricSchema.optional(), interval: intervalSchema.default("1h"), ...range })
  .refine(fromBeforeTo, rangeIssue)
  .refine((q) => !q.deviceId || q.metric, { message: "is required with deviceId", path: ["metric"] })
  .refine((q) => q.deviceId || !q.metric, { message: "needs a deviceId", path: ["deviceId"] });
export type StatsQuery = z.infer<typeof statsQuerySchema>;

export const ALERT_FILTERS = ["all", "open", "acknowledged", "cleared"] as const;
export const alertsQuerySchema = z.strictObject({
  status: z.enum(ALERT_FILTERS, { error: `must be one of ${ALERT_FILTERS.join(", ")}` }).default("open"),
  severity: z.enum(ALERT_SEVERITIES, { error: `must be one of ${ALERT_SEVERITIES.join(", ")}` }).optional(),
  deviceId: id.optional(),
  limit: limit(100, 25),
  cursor: text(200).optional(),
});
export type AlertsQuery = z.infer<typeof alertsQuerySchema>;

export const ackAlertSchema = z.strictObject({ note: text(1000).trim().optional() });
