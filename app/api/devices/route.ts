import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { readJson, readQuery } from "@/lib/http/request";
import { createDeviceSchema, listDevicesQuerySchema } from "@/lib/inventory/schemas";
import { createDevice, listDevices } from "@/lib/inventory/service";

export const GET = apiRoute(async (req) => {
  const user = await requireUser(req);
  const query = readQuery(req, listDevicesQuerySchema);
  return json(await listDevices(user, query));
});

export const POST = apiRoute(async (req) => {
  const user = await requireUser(req, "device:write");
  const input = await readJson(req, createDeviceSchema);
  return json(await createDevice(user, input), 201);
});
