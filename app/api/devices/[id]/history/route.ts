import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId } from "@/lib/http/request";
import { getDeviceHistory } from "@/lib/inventory/service";

export const GET = apiRoute<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req, "device:read");
  const id = parseId((await params).id, "Device");
  return json({ items: await getDeviceHistory(user, id) });
});
