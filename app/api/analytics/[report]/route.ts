import { analyticsQuerySchema } from "@/lib/analytics/range";
import { reportCsv, runReport } from "@/lib/analytics/reports";
import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/request";

/** GET /api/analytics/{report}?from&to&granularity&format=json|csv — admin only. */
export const GET = apiRoute<{ report: string }>(async (req, ctx) => {
  await requireUser(req, "analytics:read");
  const query = readQuery(req, analyticsQuerySchema);
  const table = await runReport((await ctx.params).report, query);
  if (query.format === "json") return json(table);
  return new Response(reportCsv(table), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${table.report}-${query.from.toISOString().slice(0, 10)}-${query.to.toISOString().slice(0, 10)}.csv"`,
    },
  });
});
