import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId, readJson } from "@/lib/http/request";
import { updateDeviceSchema } from "@/lib/inventory/schemas";
import { deleteDevice, getDevice, updateDevice } from "@/lib/inventory/service";

type Params = { id: string };

export const GET = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  const id = parseId((await params).id, "Device");
  return json(await getDevice(user, id));
});

export const PUT = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "device:write");
  const id = parseId((await params).id, "Device");
  const input = await readJson(req, updateDeviceSchema);
  return json(await updateDevice(user, id, input));
});

export const DELETE = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "device:write");
  const id = parseId((await params).id, "Device");
  await deleteDevice(user, id);
  return new Response(null, { status: 204 });
});
