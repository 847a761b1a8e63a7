import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId, readQuery } from "@/lib/http/request";
import { listReadings } from "@/lib/monitoring/readings";
import { deviceReadingsQuerySchema } from "@/lib/monitoring/schemas";

/** One device's readings, newest first; others' devices are 404. */
export const GET = apiRoute<{ deviceId: string }>(async (req, { params }) => {
  const user = await requireUser(req, "monitoring:read");
  const deviceId = parseId((await params).deviceId, "Device");
  const query = readQuery(req, deviceReadingsQuerySchema);
  return json(await listReadings(user, { ...query, deviceId }));
});
