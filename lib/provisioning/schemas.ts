import { z } from "zod";
import { textSchema } from "@/lib/text";
import { METRICS, type Metric } from "@/lib/telemetry/schema";

export const SEVERITIES = ["info", "warning", "critical"] as const;

const metricSchema = z.enum(METRICS, { error: `must be one of ${METRICS.join(", ")}` });

const thresholdSchema = z
  .strictObject({
    min: z.number({ error: "must be a number" }).optional(),
    max: z.number({ error: "must be a number" }).optional(),
    severity: z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(", ")}` }).optional(),
    // Raise after this many consecutive readings beyond the line, lasting at least forSeconds.
    forReadings: z.number().int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000").optional(),
    forSeconds: z.number({ error: "must be a number" }).min(0, "must not be negative").max(86_400, "must be at most 86400").optional(),
    // Clear only once the value is this far back inside the line (metric units), so it does not flap.
    clearMargin: z.number({ error: "must be a number" }).min(0, "must not be negative").optional(),
  })
  .refine((t) => t.min !== undefined || t.max !== undefined, "must set min or max")
  .refine((t) => t.min === undefined || t.max === undefined || t.min < t.max, "min must be below max");

/** A device's configuration, as stored (versioned) in t_device_configs and read by monitoring. */
export const deviceConfigSchema = z
  .strictObject({
    reportingIntervalSec: z.number().int("must be a whole number").min(1, "must be at least 1").max(86_400, "must be at most 86400"),
    metrics: z
      .array(metricSchema)
      .min(1, "must list at least one metric")
      .refine((m) => new Set(m).size === m.length, "must not repeat a metric"),
    thresholds: z.partialRecord(metricSchema, thresholdSchema).default({}),
    firmwareVersion: textSchema().trim().min(1).max(50, "must be at most 50 characters").optional(),
    locationLabel: textSchema().trim().min(1).max(200, "must be at most 200 characters").optional(),
  })
  .superRefine((c, ctx) => {
    for (const metric of Object.keys(c.thresholds) as Metric[]) {
      if (!c.metrics.includes(metric)) {
        ctx.addIssue({ code: "custom", path: ["thresholds", metric], message: "is not one of the reported metrics" });
      }
    }
  });
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

/** What a device reports before anyone configured it. */
export const DEFAULT_DEVICE_CONFIG: DeviceConfig = {
  reportingIntervalSec: 60,
  metrics: [...METRICS],
  thresholds: {},
};
