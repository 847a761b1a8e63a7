import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/request";
import { listReadings } from "@/lib/monitoring/readings";
import { readingsQuerySchema } from "@/lib/monitoring/schemas";

/** Readings newest first, for one device (`deviceId`) or merged over the few the user may see. */
export const GET = apiRoute(async (req) => {
  const user = await requireUser(req, "monitoring:read");
  const query = readQuery(req, readingsQuerySchema);
  return json(await listReadings(user, query));
});
