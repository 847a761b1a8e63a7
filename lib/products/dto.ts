import { z } from "zod";
import { pageSchema } from "@/lib/pagination";

/** What goes out about a product, built field by field (never a spread row). */
export const productPictureDtoSchema = z.strictObject({
  /** Versioned by the bytes' hash, so the browser may cache it for good. */
  url: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
});
export type ProductPictureDto = z.infer<typeof productPictureDtoSchema>;

export const productDtoSchema = z.strictObject({
  id: z.number().int(),
  type: z.string(),
  model: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  specifications: z.record(z.string(), z.unknown()),
  published: z.boolean(),
  picture: productPictureDtoSchema.nullable(),
  /** Units of this type and model: in stock, and in all statuses. */
  units: z.strictObject({ inStock: z.number().int(), total: z.number().int() }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ProductDto = z.infer<typeof productDtoSchema>;

/** The customer's view: what the shop shows, nothing about stock records or drafts. */
export const customerProductDtoSchema = productDtoSchema.pick({ id: true, type: true, model: true, name: true, description: true, specifications: true, picture: true });
export type CustomerProductDto = z.infer<typeof customerProductDtoSchema>;

/** GET /api/products: admins get the full view, customers their own; a page by name. */
export const productListSchema = pageSchema(z.union([productDtoSchema, customerProductDtoSchema]));

export const pictureUrl = (productId: number, etag: string) => `/api/products/${productId}/picture?v=${etag}`;

export interface ProductRow {
  id: number;
  type: string;
  model: string;
  name: string;
  description: string | null;
  specifications: unknown;
  published: boolean;
  created_at: Date;
  updated_at: Date;
  picture_etag: string | null;
  picture_type: string | null;
  picture_size: number | null;
  in_stock: number;
  total: number;
}

const asSpecs = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function toProductDto(r: ProductRow): ProductDto {
  return {
    id: r.id,
    type: r.type,
    model: r.model,
    name: r.name,
    description: r.description,
    specifications: asSpecs(r.specifications),
    published: r.published,
    picture: r.picture_etag ? { url: pictureUrl(r.id, r.picture_etag), contentType: r.picture_type ?? "", byteSize: r.picture_size ?? 0 } : null,
    units: { inStock: r.in_stock, total: r.total },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function toCustomerProductDto(p: ProductDto): CustomerProductDto {
  return { id: p.id, type: p.type, model: p.model, name: p.name, description: p.description, specifications: p.specifications, picture: p.picture };
}
