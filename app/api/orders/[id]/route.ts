import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId } from "@/lib/http/request";
import { expireDueOrdersLazily } from "@/lib/orders/expiry";
import { getOrder } from "@/lib/orders/service";

export const GET = apiRoute<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req, "order:read");
  const id = parseId((await params).id, "Order");
  await expireDueOrdersLazily();
  return json(await getOrder(user, id));
});
