import { credentialsSchema } from "@/lib/auth/schemas";
import { authenticate, issueApiToken } from "@/lib/auth/users";
import { apiRoute, json } from "@/lib/http/api-route";
import { clientAddress, readJson } from "@/lib/http/request";

/** Exchanges email + password for a short-lived bearer token (scripts, other programs). */
export const POST = apiRoute(async (req) => {
  const { email, password } = await readJson(req, credentialsSchema);
  const user = await authenticate(email, password, clientAddress(req));
  return json(await issueApiToken(user), 201);
});
