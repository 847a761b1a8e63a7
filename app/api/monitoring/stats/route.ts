import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/request";
import { getFleetStats } from "@/lib/monitoring/fleet";
import { statsQuerySchema } from "@/lib/monitoring/schemas";
import { getDeviceStats } from "@/lib/monitoring/stats";

/** With deviceId + metric: that metric in interval buckets; without: the fleet at a glance. */
export const GET = apiRoute(async (req) => {
  const user = await requireUser(req, "monitoring:read");
  const q = readQuery(req, statsQuerySchema);
  if (q.deviceId && q.metric) return json(await getDeviceStats(user, { ...q, deviceId: q.deviceId, metric: q.metric }));
  return json(await getFleetStats(user));
});
