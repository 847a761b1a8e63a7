import { createHash } from "node:crypto";
import { can, requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { getProductForAdmin } from "./service";
import type { ProductDto } from "./dto";

export const MAX_PICTURE_BYTES = 1024 * 1024;
export const PICTURE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type PictureType = (typeof PICTURE_TYPES)[number];

/**
 * The image type the bytes really are, by their magic numbers; the declared Content-Type is
 * only a claim (an .exe renamed to .png says image/png too).
 */
export function detectPictureType(bytes: Uint8Array): PictureType | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  // RIFF <size> WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

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
