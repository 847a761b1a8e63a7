import { registerSchema } from "@/lib/auth/schemas";
import { reserveRegistration } from "@/lib/auth/throttle";
import { registerCustomer } from "@/lib/auth/users";
import { apiRoute, json } from "@/lib/http/api-route";
import { clientAddress, readJson } from "@/lib/http/request";

/** Customer self-registration; admins come from the seed. */
export const POST = apiRoute(async (req) => {
  const input = await readJson(req, registerSchema, 16 * 1024);
  await reserveRegistration(clientAddress(req));
  const user = await registerCustomer(input);
  return json({ id: user.id, email: user.email, name: user.name, role: user.role }, 201);
});
