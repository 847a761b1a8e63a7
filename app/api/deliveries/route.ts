import { requireUser } from "@/lib/auth/session";
import { createDeliverySchema, listDeliveriesQuerySchema } from "@/lib/deliveries/schemas";
import { createDelivery, listDeliveries } from "@/lib/deliveries/service";
import { apiRoute, json } from "@/lib/http/api-route";
import { readJson, readQuery } from "@/lib/http/request";

export const GET = apiRoute(async (req) => {
  const user = await requireUser(req, "delivery:read");
  const query = readQuery(req, listDeliveriesQuerySchema);
  return json(await listDeliveries(user, query));
});

export const POST = apiRoute(async (req) => {
  const user = await requireUser(req, "delivery:manage");
  const input = await readJson(req, createDeliverySchema);
  return json(await createDelivery(user, input), 201);
});
