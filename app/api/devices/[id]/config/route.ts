import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId, readJson } from "@/lib/http/request";
import { getDeviceConfig, saveDeviceConfig } from "@/lib/provisioning/device-config";
import { deviceConfigSchema } from "@/lib/provisioning/schemas";
import { readAppliedConfig } from "@/lib/telemetry/applied-config";

type Params = { id: string };

export const GET = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "device:configure");
  const id = parseId((await params).id, "Device");
  const desired = await getDeviceConfig(user, id);
  // What the device reported applying (over MQTT or HTTP), next to the desired version; null
  // when it never reported one or telemetry cannot be read right now.
  const applied = await readAppliedConfig(id).catch(() => null);
  return json({ ...desired, applied });
});

/** Saves a new version of the configuration (the previous ones stay). */
export const PUT = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "device:configure");
  const id = parseId((await params).id, "Device");
  const config = await readJson(req, deviceConfigSchema);
  return json(await saveDeviceConfig(user, id, config));
});
