import { z } from "zod";

export const GRANULARITIES = ["day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 3 * 366;
export const DEFAULT_RANGE_DAYS = 90;

const instant = z
  .string()
  .trim()
  .max(40)
  .refine((v) => /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), "must be an ISO 8601 date or time")
  .transform((v) => new Date(v));

/** The query every analytics report takes: a half-open time range [from, to) and a bucket size. */
export const analyticsQuerySchema = z
  .strictObject({
    from: instant.optional(),
    to: instant.optional(),
    granularity: z.enum(GRANULARITIES, { error: `must be one of ${GRANULARITIES.join(", ")}` }).default("week"),
    format: z.enum(["json", "csv"], { error: "must be json or csv" }).default("json"),
  })
  .transform((q, ctx) => {
    const to = q.to ?? new Date();
    const from = q.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
    if (from >= to) ctx.addIssue({ code: "custom", path: ["from"], message: "must be before to" });
    else if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) ctx.addIssue({ code: "custom", path: ["from"], message: `range must be at most ${MAX_RANGE_DAYS} days` });
    return { from, to, granularity: q.granularity, format: q.format };
  });

export type AnalyticsQuery = z.output<typeof analyticsQuerySchema>;
export interface AnalyticsRange {
  from: Date;
  to: Date;
}

/** A product is a type and a model (the catalog's grouping) until the store has a product table. */
export const productLabel = (type: string, model: string) => `${type} ${model}`;
