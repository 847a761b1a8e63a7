import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePageUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { REPORT_CSS, renderReportBody } from "@/lib/reports/html";
import { getReport } from "@/lib/reports/service";
import { PrintButton } from "./print-button";

export const dynamic = "force-dynamic";

// Once per request: the title and the page both need the report.
const load = cache(async (rawId: string) => {
  const user = await requirePageUser("report:read");
  const id = /^[1-9][0-9]{0,9}$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) notFound();
  try {
    return await getReport(user, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: (await load((await params).id)).summary.title };
}

/** The printable report: the same HTML the PDF was printed from, rendered from the stored figures. */
export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { summary, data } = await load((await params).id);
  return (
    <div className="space-y-4">
      <div className="no-print flex flex-wrap items-center gap-3">
        <Link href="/reports" className="text-sm text-slate-600 underline">
          ← Reports
        </Link>
        <span className="mr-auto" />
        <PrintButton />
        <a href={summary.pdfUrl} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700">
          Download PDF
        </a>
      </div>
      <style>{REPORT_CSS}</style>
      {/* Built by lib/reports/html.ts, which escapes every value it takes from the data. */}
      <div
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
        tabIndex={0}
        role="region"
        aria-label={summary.title}
        dangerouslySetInnerHTML={{ __html: renderReportBody(data) }}
      />
    </div>
  );
}
