import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { listCatalog } from "@/lib/orders/catalog";

/** The shop's catalog: in-stock units grouped by product with price and available count. */
export const GET = apiRoute(async (req) => {
  const user = await requireUser(req, "catalog:read");
  const items = await listCatalog(user);
  return json({ items, total: items.length, nextCursor: null });
});
