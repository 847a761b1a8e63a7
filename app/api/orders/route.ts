import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { readJson, readQuery } from "@/lib/http/request";
import { expireDueOrdersLazily } from "@/lib/orders/expiry";
import { listOrdersQuerySchema, placeOrderSchema } from "@/lib/orders/schemas";
import { listOrders, placeOrder } from "@/lib/orders/service";

export const GET = apiRoute(async (req) => {
  const user = await requireUser(req, "order:read");
  const query = readQuery(req, listOrdersQuerySchema);
  await expireDueOrdersLazily();
  return json(await listOrders(user, query));
});

export const POST = apiRoute(async (req) => {
  const user = await requireUser(req, "order:create");
  const input = await readJson(req, placeOrderSchema);
  await expireDueOrdersLazily();
  // The per-account limits (units held, orders per hour) are checked inside the order's transaction.
  return json(await placeOrder(user, input), 201);
});
