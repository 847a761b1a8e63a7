import { isAdmin, requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { collectFleetReport, collectStoreReport } from "./collect";
import { renderReportDocument } from "./html";
import { renderPdf } from "./pdf";
import { periodLabel, periodOf, periodRange, type PeriodRange } from "./period";
import type { GenerateReportInput, ListReportsQuery, ReportSummaryDto } from "./schemas";
import type { ReportData, ReportKind } from "./types";

const REPORT_LOCK = 7_410;

const summarySelect = {
  id: true,
  kind: true,
  period: true,
  rangeFrom: true,
  rangeTo: true,
  trigger: true,
  generatedAt: true,
  customer: { select: { id: true, name: true } },
} satisfies Prisma.ReportSelect;
type SummaryRow = Prisma.ReportGetPayload<{ select: typeof summarySelect }>;

function toSummary(r: SummaryRow): ReportSummaryDto {
  const kind = r.kind as ReportKind;
  return {
    id: r.id,
    kind,
    title: kind === "fleet" ? `Fleet report ${r.period}${r.customer ? ` — ${r.customer.name}` : ""}` : `Store report ${r.period}`,
    period: r.period,
    label: periodLabel(r.period),
    customer: r.customer,
    rangeFrom: r.rangeFrom.toISOString(),
    rangeTo: r.rangeTo.toISOString(),
    trigger: r.trigger,
    generatedAt: r.generatedAt.toISOString(),
    pdfUrl: `/api/reports/${r.id}/pdf`,
    pageUrl: `/reports/${r.id}`,
  };
}

export interface GenerateSpec {
  kind: ReportKind;
  customerId: number | null;
  range: PeriodRange;
  trigger: "schedule" | "on_demand";
  /** false (the schedule): an existing report stays as it is. true (on demand): made afresh. */
  replace: boolean;
}

/**
 * Makes (or keeps) the one report of a kind, owner and month. A transaction-scoped advisory lock
 * on that key serializes every generator — two workers, a worker and a "Generate now", a retry
 * after a restart — so the second waits and then finds the first one's report; the unique key
 * on t_reports is the backstop. The figures and the PDF are made while the lock is held: a
 * report is rare and takes seconds.
 */
export async function generateReport(spec: GenerateSpec, now = new Date()): Promise<{ report: ReportSummaryDto; created: boolean }> {
  const key = `${spec.kind}:${spec.customerId ?? "store"}:${spec.range.period}`;
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REPORT_LOCK}::int, hashtext(${key}))`;
      const existing = await tx.report.findFirst({ where: { kind: spec.kind, customerId: spec.customerId, period: spec.range.period }, select: summarySelect });
      if (existing && !spec.replace) return { report: toSummary(existing), created: false };
      const data: ReportData = spec.kind === "fleet" ? await collectFleetReport(spec.customerId!, spec.range, now) : await collectStoreReport(spec.range, now);
      const pdf = await renderPdf(renderReportDocument(data));
      const fields = {
        rangeFrom: spec.range.from,
        rangeTo: spec.range.to,
        trigger: spec.trigger,
        data: data as unknown as Prisma.InputJsonValue,
        pdf: new Uint8Array(pdf),
        generatedAt: now,
      };
      const saved = existing
        ? await tx.report.update({ where: { id: existing.id }, data: fields, select: summarySelect })
        : await tx.report.create({ data: { kind: spec.kind, customerId: spec.customerId, period: spec.range.period, ...fields }, select: summarySelect });
      logger().info({ reportId: saved.id, kind: spec.kind, customerId: spec.customerId, period: spec.range.period, trigger: spec.trigger }, "report generated");
      return { report: toSummary(saved), created: !existing };
    },
    { maxWait: 15_000, timeout: 180_000 },
  );
}

const fieldError = (field: string, message: string) => new AppError("validation_failed", `Invalid input — ${field}: ${message}`, { fields: [{ field, message }] });

/** "Generate now": a customer's own fleet report, or for an admin the store's or any customer's fleet report. */
export async function requestReport(user: SessionUser, input: GenerateReportInput, now = new Date()) {
  requirePermission(user, "report:generate");
  let customerId: number | null = null;
  if (input.kind === "store") {
    if (!isAdmin(user)) throw new AppError("forbidden", "Only admins may generate store reports");
    if (input.customerId !== undefined) throw fieldError("customerId", "a store report has no customer");
  } else if (isAdmin(user)) {
    if (input.customerId === undefined) throw fieldError("customerId", "required for a fleet report");
    const customer = await db().user.findUnique({ where: { id: input.customerId }, select: { role: true } });
    if (!customer || customer.role !== "CUSTOMER") throw notFound("Customer");
    customerId = input.customerId;
  } else {
    // Someone else's id is answered as if that customer did not exist.
    if (input.customerId !== undefined && input.customerId !== user.id) throw notFound("Customer");
    customerId = user.id;
  }
  const range = periodRange(input.period ?? periodOf(now), now);
  if (!range) throw fieldError("period", "that month has not started yet");
  return generateReport({ kind: input.kind, customerId, range, trigger: "on_demand", replace: true }, now);
}

/** Newest first: a customer's own fleet reports; for an admin every report. */
export async function listReports(user: SessionUser, q: ListReportsQuery = {}): Promise<ReportSummaryDto[]> {
  requirePermission(user, "report:read");
  const where: Prisma.ReportWhereInput = {
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.period ? { period: q.period } : {}),
    ...(isAdmin(user) ? {} : { customerId: user.id }),
  };
  const rows = await db().report.findMany({ where, select: summarySelect, orderBy: [{ period: "desc" }, { kind: "desc" }, { id: "desc" }], take: 500 });
  return rows.map(toSummary);
}

/** 404 unless the user may read it; the store's report has no owner, so for a customer it does not exist. */
function assertReadable(user: SessionUser, row: { customerId: number | null } | null): asserts row {
  if (!row) throw notFound("Report");
  requirePermission(user, "report:read", { ownerId: row.customerId ?? -1 }, "Report");
}

/** One report's figures, for the printable page. */
export async function getReport(user: SessionUser, reportId: number): Promise<{ summary: ReportSummaryDto; data: ReportData }> {
  const row = await db().report.findUnique({ where: { id: reportId }, select: { ...summarySelect, customerId: true, data: true } });
  assertReadable(user, row);
  return { summary: toSummary(row), data: row.data as unknown as ReportData };
}

/** The stored PDF and the file name to save it under. */
export async function getReportPdf(user: SessionUser, reportId: number): Promise<{ pdf: Uint8Array; filename: string }> {
  const row = await db().report.findUnique({ where: { id: reportId }, select: { kind: true, period: true, customerId: true, pdf: true } });
  assertReadable(user, row);
  const filename = row.kind === "fleet" ? `fleet-report-${row.period}-customer-${row.customerId}.pdf` : `store-report-${row.period}.pdf`;
  return { pdf: row.pdf, filename };
}
