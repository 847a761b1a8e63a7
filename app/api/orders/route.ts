import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { readJson, readQuery } from "@/lib/http/request";
import { listOrdersQuerySchema, placeOrderSchema } from "@/lib/orders/schemas";
import { listOrders, placeOrder } from "@/lib/orders/service";

export const GET = apiRoute(async (req) => {
  const user = await requireUser(req, "order:read");
  const query = readQuery(req, listOrdersQuerySchema);
  return json(await listOrders(user, query));
});

export const POST = apiRoute(async (req) => {
  const user = await requireUser(req, "order:create");
  const input = await readJson(req, placeOrderSchema);
  return json(await placeOrder(user, input), 201);
});
