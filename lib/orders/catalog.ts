import { z } from "zod";
import { requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { formatMoney, moneyTextSchema } from "@/lib/money";

export const catalogProductDtoSchema = z.strictObject({
  type: z.string(),
  model: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  specifications: z.unknown(),
  /** The cheapest in-stock unit's price (units are picked cheapest first). */
  price: moneyTextSchema,
  maxPrice: moneyTextSchema,
  available: z.number().int().positive(),
});
export type CatalogProductDto = z.infer<typeof catalogProductDtoSchema>;

/** `GET /api/catalog`: every product on one page (the list's shape, without a next page). */
export const catalogPageSchema = z.strictObject({
  items: z.array(catalogProductDtoSchema),
  total: z.number().int().min(0),
  nextCursor: z.null(),
});

/**
 * The shop's catalog: in-stock units grouped by product (type + model). Name, description and
 * specifications come from the product's cheapest unit — the one an order takes first.
 */
export async function listCatalog(user: SessionUser): Promise<CatalogProductDto[]> {
  requirePermission(user, "catalog:read");
  const rows = await db().$queryRaw<
    { type: string; model: string; name: string; description: string | null; specifications: unknown; price: string; max_price: string; available: number }[]
  >`
    SELECT DISTINCT ON (d.type, d.model)
      d.type, d.model, d.name, d.description, d.specifications, d.price::text AS price,
      (max(d.price) OVER (PARTITION BY d.type, d.model))::text AS max_price,
      (count(*) OVER (PARTITION BY d.type, d.model))::int AS available
    FROM t_devices d WHERE d.status = 'in_stock'
    ORDER BY d.type, d.model, d.price, d.id`;
  return rows.map((r) => ({
    type: r.type,
    model: r.model,
    name: r.name,
    description: r.description,
    specifications: r.specifications,
    price: formatMoney(r.price),
    maxPrice: formatMoney(r.max_price),
    available: r.available,
  }));
}
