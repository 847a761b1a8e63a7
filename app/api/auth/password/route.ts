import { passwordChangeSchema } from "@/lib/auth/schemas";
import { requireUser } from "@/lib/auth/session";
import { changePassword } from "@/lib/auth/users";
import { apiRoute, json } from "@/lib/http/api-route";
import { readJson } from "@/lib/http/request";

/** Changes the caller's password; every session and API token issued before stops working. */
export const PUT = apiRoute(async (req) => {
  const user = await requireUser(req);
  const { currentPassword, newPassword } = await readJson(req, passwordChangeSchema, 4096);
  await changePassword(user.id, currentPassword, newPassword);
  return json({ changed: true, signedOut: true });
});
