import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId, readJson } from "@/lib/http/request";
import { changeDeviceStatusSchema } from "@/lib/inventory/schemas";
import { changeDeviceStatus } from "@/lib/inventory/service";

export const PUT = apiRoute<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req, "device:write");
  const id = parseId((await params).id, "Device");
  const { status, reason } = await readJson(req, changeDeviceStatusSchema);
  return json(await changeDeviceStatus(user, id, status, reason));
});
