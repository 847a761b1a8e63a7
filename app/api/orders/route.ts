import { isAdmin } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { apiRoute, json } from "@/lib/http/api-route";
import { readJson, readQuery } from "@/lib/http/request";
import { expireDueOrdersLazily } from "@/lib/orders/expiry";
import { listOrdersQuerySchema, placeOrderSchema } from "@/lib/orders/schemas";
import { listOrders, placeOrder } from "@/lib/orders/service";
import { consumeOrThrow, limiter } from "@/lib/rate-limit";

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
  if (!isAdmin(user)) {
    const perHour = limiter("order_create", config().ORDER_CREATE_MAX_PER_HOUR, 3600);
    await consumeOrThrow(perHour, String(user.id), "Too many orders from this account");
  }
  return json(await placeOrder(user, input), 201);
});
