import { z } from "zod";
import { formatCsv } from "@/lib/csv";
import { notFound } from "@/lib/errors";
import { listAlertHealth } from "./fleet";
import { listUptime } from "./uptime";
import { listCarrierIssues, listFulfilmentTimes } from "./fulfilment";
import { listProductStock } from "./inventory";
import type { AnalyticsQuery } from "./range";
import { listProductSales, listSalesSummary } from "./sales";

/** A report is a table: named columns and rows; the page charts it and the API sends it as JSON or CSV. */
export const reportTableSchema = z.strictObject({
  report: z.string(),
  columns: z.array(z.string()),
  /** One object per row, keyed by the columns. */
  rows: z.array(z.record(z.string(), z.unknown())),
});
export interface ReportTable {
  report: string;
  columns: string[];
  rows: object[];
}

// Rows are plain objects of their report's columns.
type Runner = (q: AnalyticsQuery) => Promise<object[]>;

const REPORTS: Record<string, { columns: string[]; run: Runner }> = {
  "sales-by-product": {
    columns: ["period", "product", "type", "model", "orders", "units", "revenue"],
    run: (q) => listProductSales(q, q.granularity),
  },
  "sales-summary": {
    columns: ["period", "orders", "cancelled", "cancellationRate", "revenue", "averageOrderValue"],
    run: (q) => listSalesSummary(q, q.granularity),
  },
  fulfilment: {
    columns: ["week", "stage", "orders", "medianHours", "p90Hours"],
    run: (q) => listFulfilmentTimes(q),
  },
  carriers: {
    columns: ["carrier", "deliveries", "withIssues", "failedAttempts", "returned", "damaged", "issueRate"],
    run: (q) => listCarrierIssues(q),
  },
  // Stock is the present; its velocity is measured over the window that ends at `to`.
  inventory: {
    columns: ["product", "type", "model", "inStock", "reserved", "unitsSold", "velocityPerDay", "daysOfCover", "stockOutDate", "reorderPoint", "lowStock"],
    run: (q) => listProductStock(q.to),
  },
  "fleet-alerts": {
    columns: ["deviceId", "alerts", "repeats", "critical", "open", "meanMinutesToAcknowledge", "meanMinutesToClear"],
    run: (q) => listAlertHealth(q),
  },
  "fleet-uptime": {
    columns: ["deviceId", "device", "serialNumber", "customer", "observedHours", "onlineHours", "uptimePct"],
    run: async (q) => (await listUptime(q)).devices,
  },
  "customer-uptime": {
    columns: ["customerId", "customer", "devices", "observedHours", "onlineHours", "uptimePct"],
    run: async (q) => (await listUptime(q)).customers,
  },
};

export const REPORT_NAMES = Object.keys(REPORTS);

export async function runReport(name: string, query: AnalyticsQuery): Promise<ReportTable> {
  const report = Object.hasOwn(REPORTS, name) ? REPORTS[name] : undefined;
  if (!report) throw notFound("Report");
  return { report: name, columns: report.columns, rows: await report.run(query) };
}

export function reportCsv(table: ReportTable): string {
  return formatCsv([table.columns, ...table.rows.map((row) => table.columns.map((c) => (row as Record<string, unknown>)[c]))], { neutralizeFormulas: true });
}
