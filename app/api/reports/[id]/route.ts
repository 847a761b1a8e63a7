import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId } from "@/lib/http/request";
import { getReport } from "@/lib/reports/service";

/** GET /api/reports/{id} — the report's figures (404 for someone else's). */
export const GET = apiRoute<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req, "report:read");
  const { summary, data } = await getReport(user, parseId((await params).id, "Report"));
  return json({ ...summary, data });
});
