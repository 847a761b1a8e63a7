import { requireUser } from "@/lib/auth/session";
import { confirmDeliverySchema } from "@/lib/deliveries/schemas";
import { confirmDelivery } from "@/lib/deliveries/service";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId, readOptionalJson } from "@/lib/http/request";

/** The customer confirms receipt of their parcel (or an admin does for them); the body may be empty. */
export const PUT = apiRoute<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req, "delivery:confirm");
  const id = parseId((await params).id, "Delivery");
  const { note } = await readOptionalJson(req, confirmDeliverySchema);
  return json(await confirmDelivery(user, id, note));
});
