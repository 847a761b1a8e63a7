import { revokeTokens } from "@/lib/auth/current-user";
import { credentialsSchema } from "@/lib/auth/schemas";
import { requireUser } from "@/lib/auth/session";
import { authenticate, issueApiToken } from "@/lib/auth/users";
import { apiRoute, json } from "@/lib/http/api-route";
import { clientAddress, readJson } from "@/lib/http/request";

/** Exchanges email + password for a short-lived bearer token (scripts, other programs). */
export const POST = apiRoute(async (req) => {
  const { email, password } = await readJson(req, credentialsSchema, 4096);
  const user = await authenticate(email, password, clientAddress(req));
  return json(await issueApiToken(user), 201);
});

/** Signs the caller out everywhere: every API token and browser session of theirs stops working. */
export const DELETE = apiRoute(async (req) => {
  const user = await requireUser(req);
  await revokeTokens(user.id);
  return json({ revoked: true });
});
