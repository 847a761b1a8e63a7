import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { readJson, readQuery } from "@/lib/http/request";
import { generateReportSchema, listReportsSchema } from "@/lib/reports/schemas";
import { listReports, requestReport } from "@/lib/reports/service";

/** GET /api/reports?kind&period — a customer's own fleet reports; every report for an admin. */
export const GET = apiRoute(async (req) => {
  const user = await requireUser(req, "report:read");
  return json({ items: await listReports(user, readQuery(req, listReportsSchema)) });
});

/** POST /api/reports {kind, period?, customerId?} — generate now (replaces that month's report). */
export const POST = apiRoute(async (req) => {
  const user = await requireUser(req, "report:generate");
  const input = await readJson(req, generateReportSchema, 4 * 1024);
  const { report, created } = await requestReport(user, input);
  return json(report, created ? 201 : 200);
});
