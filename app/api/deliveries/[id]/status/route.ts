import { requireUser } from "@/lib/auth/session";
import { changeDeliveryStatusSchema } from "@/lib/deliveries/schemas";
import { changeDeliveryStatus } from "@/lib/deliveries/service";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId, readJson } from "@/lib/http/request";

export const PUT = apiRoute<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req, "delivery:manage");
  const id = parseId((await params).id, "Delivery");
  const input = await readJson(req, changeDeliveryStatusSchema);
  return json(await changeDeliveryStatus(user, id, input));
});
