import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId, readJson } from "@/lib/http/request";
import { getDeviceConfig, saveDeviceConfig } from "@/lib/provisioning/device-config";
import { deviceConfigSchema } from "@/lib/provisioning/schemas";

type Params = { id: string };

export const GET = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "device:configure");
  const id = parseId((await params).id, "Device");
  return json(await getDeviceConfig(user, id));
});

/** Saves a new version of the configuration (the previous ones stay). */
export const PUT = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "device:configure");
  const id = parseId((await params).id, "Device");
  const config = await readJson(req, deviceConfigSchema);
  return json(await saveDeviceConfig(user, id, config));
});
