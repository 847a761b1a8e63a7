import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId, readJson } from "@/lib/http/request";
import { changeOrderStatusSchema } from "@/lib/orders/schemas";
import { changeOrderStatus } from "@/lib/orders/service";

/** Admins move orders along the lifecycle; a customer may cancel their own pending order. */
export const PUT = apiRoute<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req, "order:read");
  const id = parseId((await params).id, "Order");
  const input = await readJson(req, changeOrderStatusSchema);
  return json(await changeOrderStatus(user, id, input));
});
