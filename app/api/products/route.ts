import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/request";
import { listProductsQuerySchema } from "@/lib/products/schemas";
import { listProducts } from "@/lib/products/service";

/** Admins: every product with unit counts, searchable. Customers: published products only. */
export const GET = apiRoute(async (req) => {
  const user = await requireUser(req, "catalog:read");
  const query = readQuery(req, listProductsQuerySchema);
  return json(await listProducts(user, query));
});
