/** What goes out about a product, built field by field (never a spread row). */
export interface ProductPictureDto {
  /** Versioned by the bytes' hash, so the browser may cache it for good. */
  url: string;
  contentType: string;
  byteSize: number;
}

export interface ProductDto {
  id: number;
  type: string;
  model: string;
  name: string;
  description: string | null;
  specifications: Record<string, unknown>;
  published: boolean;
  picture: ProductPictureDto | null;
  /** Units of this type and model: in stock, and in all statuses. */
  units: { inStock: number; total: number };
  createdAt: string;
  updatedAt: string;
}

/** The customer's view: what the shop shows, nothing about stock records or drafts. */
export type CustomerProductDto = Pick<ProductDto, "id" | "type" | "model" | "name" | "description" | "specifications" | "picture">;

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
