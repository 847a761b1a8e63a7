import { z } from "zod";
import { analyticsQuerySchema } from "@/lib/analytics/range";
import { REPORT_NAMES, reportTableSchema } from "@/lib/analytics/reports";
import { alertDtoSchema } from "@/lib/monitoring/alert-model";
import { ackAlertSchema, alertsQuerySchema, deviceReadingsQuerySchema, exportQuerySchema, readingsQuerySchema, statsQuerySchema } from "@/lib/monitoring/schemas";
import { generateReportSchema, listReportsSchema, reportDetailSchema, reportSummarySchema } from "@/lib/reports/schemas";
import { ingestAcceptedSchema } from "@/lib/telemetry/ingest";
import { ingestBodySchema } from "@/lib/telemetry/schema";
import { ADMIN_ONLY, alertIdParam, errors, idParam, JSON_BODY, SIGNED_IN } from "./common";
import { alertPageSchema, monitoringStatsSchema, readingPageSchema } from "./components";
import type { Operation } from "./types";

const watched = { deviceId: idParam("Device") };

/** Telemetry ingest, monitoring, analytics and monthly reports. */
export const MONITORING_OPERATIONS: Operation[] = [
  {
    method: "POST", path: "/api/ingest", summary: "Device telemetry: one reading or `{ readings: [...] }` (at most 500)", callers: ["device"],
    description: "Answered 202 only after RabbitMQ confirmed the publish; storage is asynchronous and idempotent on messageId.",
    body: { schema: ingestBodySchema }, responses: { 202: { description: "Accepted for storage", schema: ingestAcceptedSchema } },
    errors: errors(401, 403, JSON_BODY, 429, 503),
  },
  {
    method: "GET", path: "/api/monitoring/data", summary: "Readings newest first, for one device or merged over the user's few", callers: ["admin", "customer"],
    query: readingsQuerySchema, responses: { 200: { description: "A page of readings", schema: readingPageSchema } }, errors: errors(SIGNED_IN, 404, 422),
  },
  {
    method: "GET", path: "/api/monitoring/data/{deviceId}", summary: "One device's readings, newest first (others' devices are 404)", callers: ["admin", "customer"],
    params: watched, query: deviceReadingsQuerySchema, responses: { 200: { description: "A page of readings", schema: readingPageSchema } }, errors: errors(SIGNED_IN, 404, 422),
  },
  {
    method: "GET", path: "/api/monitoring/data/{deviceId}/export", summary: "A device's readings over a range as CSV, streamed", callers: ["admin", "customer"],
    params: watched, query: exportQuerySchema, responses: { 200: { description: "CSV download", contentType: "text/csv" } }, errors: errors(SIGNED_IN, 404, 422),
  },
  {
    method: "GET", path: "/api/monitoring/stats", summary: "With deviceId and metric: that metric in buckets; without: the fleet at a glance", callers: ["admin", "customer"],
    query: statsQuerySchema, responses: { 200: { description: "DeviceStats or FleetStats", schema: monitoringStatsSchema } }, errors: errors(SIGNED_IN, 404, 422),
  },
  {
    method: "GET", path: "/api/monitoring/alerts", summary: "Alerts newest first; open ones unless `status` says otherwise", callers: ["admin", "customer"],
    query: alertsQuerySchema, responses: { 200: { description: "A page of alerts", schema: alertPageSchema } }, errors: errors(SIGNED_IN, 422),
  },
  {
    method: "PUT", path: "/api/monitoring/alerts/{id}/ack", summary: "Acknowledge an open alert, with an optional note", callers: ["admin"],
    params: { id: alertIdParam }, body: { schema: ackAlertSchema, optional: true }, responses: { 200: { description: "The alert", schema: alertDtoSchema } },
    errors: errors(ADMIN_ONLY, JSON_BODY, 404, 409),
  },
  {
    method: "PUT", path: "/api/monitoring/alerts/{id}/clear", summary: "Clear an alert by hand, freeing its open slot", callers: ["admin"],
    params: { id: alertIdParam }, responses: { 200: { description: "The alert", schema: alertDtoSchema } }, errors: errors(ADMIN_ONLY, 404, 409),
  },
  {
    method: "GET", path: "/api/analytics/{report}", summary: "A report as a table (JSON) or a CSV download (format=csv)", callers: ["admin"],
    params: { report: z.enum(REPORT_NAMES as [string, ...string[]]).meta({ description: "Report name" }) },
    query: analyticsQuerySchema,
    responses: { 200: { description: "The report; text/csv with format=csv", schema: reportTableSchema, contentType: "text/csv" } },
    errors: errors(ADMIN_ONLY, 404, 422),
  },
  {
    method: "GET", path: "/api/reports", summary: "Monthly reports: a customer's own fleet reports; every report for an admin (newest first)", callers: ["admin", "customer"],
    query: listReportsSchema, responses: { 200: { description: "The reports", schema: z.strictObject({ items: z.array(reportSummarySchema) }) } }, errors: errors(SIGNED_IN, 403, 422),
  },
  {
    method: "POST", path: "/api/reports", summary: "Generate a month's report now (replaces that month's report)", callers: ["admin", "customer"],
    description: "Customers generate their own fleet report; the store report is for admins. 503 when the server has no Chromium to print the PDF.",
    body: { schema: generateReportSchema },
    responses: {
      201: { description: "Made", schema: reportSummarySchema },
      200: { description: "Replaced the month's report", schema: reportSummarySchema },
    },
    errors: errors(SIGNED_IN, 403, 404, JSON_BODY, 503),
  },
  {
    method: "GET", path: "/api/reports/{id}", summary: "A report with its figures (someone else's is 404)", callers: ["admin", "customer"],
    params: { id: idParam("Report") }, responses: { 200: { description: "The report", schema: reportDetailSchema } }, errors: errors(SIGNED_IN, 403, 404),
  },
  {
    method: "GET", path: "/api/reports/{id}/pdf", summary: "The report's PDF as a download (someone else's is 404)", callers: ["admin", "customer"],
    params: { id: idParam("Report") }, responses: { 200: { description: "PDF attachment", contentType: "application/pdf" } }, errors: errors(SIGNED_IN, 403, 404),
  },
];
