import { z } from "zod";
import { requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { formatMoney, moneyTextSchema } from "@/lib/money";
import { pictureUrl } from "@/lib/products/dto";

export const catalogProductDtoSchema = z.strictObject({
  id: z.number().int(),
  type: z.string(),
  model: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  specifications: z.unknown(),
  /** The product's picture (versioned URL), or null for the placeholder. */
  pictureUrl: z.string().nullable(),
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
 * The shop's catalog: published products with units in stock. Name, description, specifications
 * and picture are the product's (edited once by an admin); price and availability come from the
 * in-stock units of its type and model.
 */
export async function listCatalog(user: SessionUser): Promise<CatalogProductDto[]> {
  requirePermission(user, "catalog:read");
  const rows = await db().$queryRaw<
    {
      id: number;
      type: string;
      model: string;
      name: string;
      description: string | null;
      specifications: unknown;
      etag: string | null;
      price: string;
      max_price: string;
      available: number;
    }[]
  >`
    SELECT p.id, p.type, p.model, p.name, p.description, p.specifications, pic.etag,
           min(d.price)::text AS price, max(d.price)::text AS max_price, count(*)::int AS available
    FROM t_products p
    JOIN t_devices d ON d.type = p.type AND d.model = p.model AND d.status = 'in_stock'
    LEFT JOIN t_product_pictures pic ON pic.product_id = p.id
    WHERE p.published
    GROUP BY p.id, pic.etag
    ORDER BY p.type, p.model`;
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    model: r.model,
    name: r.name,
    description: r.description,
    specifications: r.specifications,
    pictureUrl: r.etag ? pictureUrl(r.id, r.etag) : null,
    price: formatMoney(r.price),
    maxPrice: formatMoney(r.max_price),
    available: r.available,
  }));
}
