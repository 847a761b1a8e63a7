import { requireUser } from "@/lib/auth/session";
import { getDelivery } from "@/lib/deliveries/service";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId } from "@/lib/http/request";

export const GET = apiRoute<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req, "delivery:read");
  const id = parseId((await params).id, "Delivery");
  return json(await getDelivery(user, id));
});
