import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId } from "@/lib/http/request";
import { issueDeviceCredential, listDeviceCredentials, revokeDeviceCredentials } from "@/lib/provisioning/credentials";

type Params = { id: string };

/** The device's tokens by prefix (never the secret). */
export const GET = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "device:configure");
  const id = parseId((await params).id, "Device");
  return json({ items: await listDeviceCredentials(user, id) });
});

/** Issues a token, shown once; an earlier token stops working at once (rotation). */
export const POST = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "device:configure");
  const id = parseId((await params).id, "Device");
  return json(await issueDeviceCredential(user, id), 201);
});

export const DELETE = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "device:configure");
  const id = parseId((await params).id, "Device");
  await revokeDeviceCredentials(user, id);
  return new Response(null, { status: 204 });
});
