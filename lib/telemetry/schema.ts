import { createHash } from "node:crypto";
import { z } from "zod";
import { findRawDataProblem } from "./raw-data";

/**
 * The one telemetry reading schema, shared by ingest (web), the worker and the simulator.
 * Metric names stay snake_case as in the specification's `monitoring_data`.
 */
export const METRICS = ["temperature", "humidity", "cpu_usage", "memory_usage", "battery_level"] as const;
export type Metric = (typeof METRICS)[number];

/** Physical ranges: a value outside is a broken sensor or a forged message, never data. */
export const METRIC_RANGES: Record<Metric, { min: number; max: number }> = {
  temperature: { min: -80, max: 150 },
  humidity: { min: 0, max: 100 },
  cpu_usage: { min: 0, max: 100 },
  memory_usage: { min: 0, max: 100 },
  battery_level: { min: 0, max: 100 },
};

export const MAX_FUTURE_MS = 5 * 60_000;
export const MAX_AGE_MS = 7 * 24 * 3600_000;
export const MAX_BATCH = 500;

const metricValue = (m: Metric) =>
  z
    .number({ error: "must be a number" })
    .min(METRIC_RANGES[m].min, `must be at least ${METRIC_RANGES[m].min}`)
    .max(METRIC_RANGES[m].max, `must be at most ${METRIC_RANGES[m].max}`);

export const metricsSchema = z
  .strictObject({
    temperature: metricValue("temperature").optional(),
    humidity: metricValue("humidity").optional(),
    cpu_usage: metricValue("cpu_usage").optional(),
    memory_usage: metricValue("memory_usage").optional(),
    battery_level: metricValue("battery_level").optional(),
  })
  .refine((m) => Object.values(m).some((v) => v !== undefined), "must contain at least one metric");

export const locationSchema = z.strictObject({
  lat: z.number({ error: "must be a number" }).min(-90).max(90),
  lng: z.number({ error: "must be a number" }).min(-180).max(180),
});

/** Free-form, but only what the document store accepts (see raw-data.ts), and small. */
const rawDataSchema = z.record(z.string(), z.unknown()).superRefine((v, ctx) => {
  const problem = findRawDataProblem(v);
  if (problem) return void ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
  if (JSON.stringify(v).length > 4096) ctx.addIssue({ code: "custom", message: "must be at most 4 kB of JSON" });
});

/** ISO-8601 string or epoch milliseconds → Date. */
const timestampSchema = z.union([z.iso.datetime({ offset: true }), z.number().int().positive()], {
  error: "must be an ISO-8601 date-time or epoch milliseconds",
}).transform((v) => new Date(v));

/** A reading as a device sends it. */
export const readingSchema = z.strictObject({
  timestamp: timestampSchema,
  metrics: metricsSchema,
  location: locationSchema.optional(),
  raw_data: rawDataSchema.optional(),
  /** Optional, chosen by the device: a retry after a lost 202 then stores nothing twice. */
  messageId: z.uuid({ error: "must be a UUID" }).optional(),
});
export type Reading = z.infer<typeof readingSchema>;

/**
 * The stored id of a reading that came with the device's own id: derived from both, so a device
 * can repeat its own ids (idempotent) but never collide with another device's readings.
 * A UUID (version 8, name-based) so the queue schema treats it like an assigned one.
 */
export function deviceMessageId(deviceId: number, clientMessageId: string): string {
  const h = createHash("sha256").update(`reading:${deviceId}:${clientMessageId.toLowerCase()}`).digest("hex");
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** At ingest the device clock is checked against ours; queued messages are not re-checked. */
export const ingestReadingSchema = readingSchema.superRefine((r, ctx) => {
  const now = Date.now();
  const at = r.timestamp instanceof Date ? r.timestamp.getTime() : NaN;
  // Zod may run this after the timestamp itself failed; that issue is reported already.
  if (r.timestamp === undefined || typeof r.timestamp !== "object") return;
  if (Number.isNaN(at)) {
    ctx.addIssue({ code: "custom", path: ["timestamp"], message: "is not a valid date" });
  } else if (at > now + MAX_FUTURE_MS) {
    ctx.addIssue({ code: "custom", path: ["timestamp"], message: "is in the future" });
  } else if (at < now - MAX_AGE_MS) {
    ctx.addIssue({ code: "custom", path: ["timestamp"], message: "is older than 7 days" });
  }
});

export const ingestBatchSchema = z.strictObject({
  readings: z.array(ingestReadingSchema).min(1, "must hold at least one reading").max(MAX_BATCH, `must hold at most ${MAX_BATCH} readings`),
});

/** `POST /api/ingest` accepts one reading or `{ readings: [...] }`. */
export const ingestBodySchema = z.union([ingestBatchSchema, ingestReadingSchema]);
export type IngestBody = z.infer<typeof ingestBodySchema>;

/** A reading on the queue: what the device sent plus what ingest assigned. */
export const queuedReadingSchema = readingSchema.extend({
  messageId: z.uuid(),
  receivedAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
});
export type QueuedReading = z.infer<typeof queuedReadingSchema>;

/** One AMQP message on `telemetry.<deviceId>`: a device's readings from one request. */
export const telemetryMessageSchema = z.strictObject({
  v: z.literal(1),
  deviceId: z.number().int().positive(),
  readings: z.array(queuedReadingSchema).min(1).max(MAX_BATCH),
});
export type TelemetryMessage = z.infer<typeof telemetryMessageSchema>;

/** The JSON form of a message (Dates as ISO strings), for publishers. */
export interface TelemetryMessageJson {
  v: 1;
  deviceId: number;
  readings: Array<{
    messageId: string;
    receivedAt: string;
    timestamp: string;
    metrics: Partial<Record<Metric, number>>;
    location?: { lat: number; lng: number };
    raw_data?: Record<string, unknown>;
  }>;
}

export function toMessageJson(deviceId: number, readings: Array<Reading & { messageId: string; receivedAt: Date }>): TelemetryMessageJson {
  return {
    v: 1,
    deviceId,
    readings: readings.map((r) => ({
      messageId: r.messageId,
      receivedAt: r.receivedAt.toISOString(),
      timestamp: r.timestamp.toISOString(),
      metrics: r.metrics,
      ...(r.location ? { location: r.location } : {}),
      ...(r.raw_data ? { raw_data: r.raw_data } : {}),
    })),
  };
}

/** `status.<deviceId>` events the worker publishes after a write. */
export const statusEventSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal("seen"),
  deviceId: z.number().int().positive(),
  // The device time of the earliest and latest reading just stored.
  firstAt: z.iso.datetime({ offset: true }),
  lastAt: z.iso.datetime({ offset: true }),
});
export type StatusEvent = z.infer<typeof statusEventSchema>;
