import { z } from "zod";
import { periodSchema } from "./period";
import { REPORT_KINDS } from "./types";

const id = z.number().int().positive().max(2_147_483_647);
const kindSchema = z.enum(REPORT_KINDS, { error: `must be one of ${REPORT_KINDS.join(", ")}` });

/** POST /api/reports: generate (or replace) a month's report now. */
export const generateReportSchema = z.strictObject({
  kind: kindSchema,
  /** Defaults to the month in progress (month to date). */
  period: periodSchema.optional(),
  /** Admins: whose fleet. Customers: their own (may be omitted). */
  customerId: id.optional(),
});
export type GenerateReportInput = z.infer<typeof generateReportSchema>;

/** GET /api/reports?kind&period */
export const listReportsSchema = z.strictObject({
  kind: kindSchema.optional(),
  period: periodSchema.optional(),
});
export type ListReportsQuery = z.infer<typeof listReportsSchema>;

/** What a report looks like in a list: no figures, no PDF bytes. */
export const reportSummarySchema = z.strictObject({
  id: z.number().int(),
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  period: z.string().meta({ description: "YYYY-MM" }),
  label: z.string(),
  customer: z.strictObject({ id: z.number().int(), name: z.string() }).nullable(),
  rangeFrom: z.iso.datetime(),
  rangeTo: z.iso.datetime(),
  trigger: z.string(),
  generatedAt: z.iso.datetime(),
  pdfUrl: z.string(),
  pageUrl: z.string(),
});
export type ReportSummaryDto = z.infer<typeof reportSummarySchema>;

/** GET /api/reports/{id}: the summary and the report's figures (fleet or store, lib/reports/types.ts). */
export const reportDetailSchema = reportSummarySchema.extend({ data: z.record(z.string(), z.unknown()) });
