import type { Metadata } from "next";
import Link from "next/link";
import { isAdmin } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/client/format";
import { periodOf } from "@/lib/reports/period";
import { listReports } from "@/lib/reports/service";
import { GenerateReportForm } from "./generate-report-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reports" };

/** Monthly reports: a customer's own fleet reports; for admins the store's and every customer's. */
export default async function ReportsPage() {
  const user = await requirePageUser("report:read");
  const admin = isAdmin(user);
  const reports = await listReports(user);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Reports</h1>
        <p className="text-sm text-slate-600">
          {admin ? "The monthly store report (sales, fulfilment, stock) and customers' fleet reports." : "Your monthly fleet report: uptime, alerts and battery outlook of your devices."}
        </p>
      </div>
      <GenerateReportForm admin={admin} defaultPeriod={periodOf(new Date())} />
      {reports.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-500" data-testid="reports-empty">
          No reports yet. They appear here on the 1st of each month, or press Generate now.
        </p>
      ) : (
        <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label="Reports table">
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="py-2">Report</th>
                <th scope="col">Month</th>
                <th scope="col">Generated</th>
                <th scope="col">How</th>
                <th scope="col"><span className="sr-only">Download</span></th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} className="border-b border-slate-100" data-testid={`report-row-${r.id}`}>
                  <td className="py-2">
                    <Link href={r.pageUrl} className="font-medium underline">
                      {r.title}
                    </Link>
                  </td>
                  <td>{r.label}</td>
                  <td>{formatDateTime(r.generatedAt)}</td>
                  <td>{r.trigger === "schedule" ? "Monthly" : "On demand"}</td>
                  <td className="text-right">
                    <a href={r.pdfUrl} className="underline" aria-label={`Download ${r.title} as PDF`}>
                      PDF
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
