import { createHash } from "node:crypto";
import { can, requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { getProductForAdmin } from "./service";
import type { ProductDto } from "./dto";
import { detectPictureType, PICTURE_TYPES } from "./image-type";

export { PICTURE_TYPES };

export const MAX_PICTURE_BYTES = 1024 * 1024;
const unsupported = () => new AppError("unsupported_media_type", "The picture must be a PNG, JPEG or WebP image");

/** Checks a declared Content-Type before the body is read: only image types are worth reading. */
export function assertPictureContentType(declared: string | null): void {
  const type = declared?.split(";")[0]?.trim().toLowerCase();
  if (!type || !(PICTURE_TYPES as readonly string[]).includes(type)) throw unsupported();
}

export async function putProductPicture(user: SessionUser, productId: number, bytes: Buffer): Promise<ProductDto> {
  requirePermission(user, "product:write");
  if (bytes.length > MAX_PICTURE_BYTES) throw new AppError("payload_too_large", "The picture must be at most 1 MB");
  const contentType = detectPictureType(bytes);
  if (!contentType) throw unsupported();
  const etag = createHash("sha256").update(bytes).digest("hex").slice(0, 32);
  const exists = await db().product.findUnique({ where: { id: productId }, select: { id: true } });
  if (!exists) throw notFound("Product");
  const data = { contentType, data: new Uint8Array(bytes), byteSize: bytes.length, etag };
  await db().productPicture.upsert({ where: { productId }, create: { productId, ...data }, update: data });
  return getProductForAdmin(user, productId);
}

export interface StoredPicture {
  contentType: string;
  data: Uint8Array;
  etag: string;
  published: boolean;
}

/**
 * A published product's picture is public (the shop's cards, cached by version); a draft's only
 * for admins. Everyone else learns nothing: 404, as for a product without a picture.
 */
export async function getProductPicture(user: SessionUser | null, productId: number): Promise<StoredPicture> {
  const row = await db().productPicture.findUnique({
    where: { productId },
    select: { contentType: true, data: true, etag: true, product: { select: { published: true } } },
  });
  if (!row) throw notFound("Picture");
  if (!row.product.published && !(user && can(user, "product:write"))) throw notFound("Picture");
  return { contentType: row.contentType, data: row.data, etag: row.etag, published: row.product.published };
}
