import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/request";
import { listAlerts } from "@/lib/monitoring/alerts";
import { alertsQuerySchema } from "@/lib/monitoring/schemas";

/** Alerts newest first; open ones unless `status` says otherwise. */
export const GET = apiRoute(async (req) => {
  const user = await requireUser(req, "monitoring:read");
  const query = readQuery(req, alertsQuerySchema);
  return json(await listAlerts(user, query));
});
