import { recordAudit } from "@/lib/audit";
import { can, requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { cachedRead } from "@/lib/read-cache";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { cursorValueFor, decodeCursor, encodeCursor, type Page } from "@/lib/pagination";
import { toCustomerProductDto, toProductDto, type CustomerProductDto, type ProductDto, type ProductRow } from "./dto";
import type { ListProductsQuery, UpdateProductInput } from "./schemas";

/**
 * Products: one per (type, model), described once by an admin. A unit of a new type and model
 * creates its product as a draft (ensureProducts); customers see a product only once an admin
 * publishes it.
 */

const selectProducts = (where: Prisma.Sql, limit: number) => Prisma.sql`
  SELECT p.id, p.type, p.model, p.name, p.description, p.specifications, p.published, p.created_at, p.updated_at,
         pic.etag AS picture_etag, pic.content_type AS picture_type, pic.byte_size AS picture_size,
         coalesce(c.in_stock, 0)::int AS in_stock, coalesce(c.total, 0)::int AS total
  FROM t_products p
  LEFT JOIN t_product_pictures pic ON pic.product_id = p.id
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE d.status = 'in_stock') AS in_stock, count(*) AS total
    FROM t_devices d WHERE d.type = p.type AND d.model = p.model
  ) c ON true
  WHERE ${where}
  ORDER BY p.name, p.id
  LIMIT ${limit}`;

/** Admins see every product; customers only published ones. A page by name (keyset on name, id). */
export async function listProducts(user: SessionUser, query: ListProductsQuery): Promise<Page<ProductDto | CustomerProductDto>> {
  requirePermission(user, "catalog:read");
  const admin = can(user, "product:write");
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (!admin || query.published === true) conditions.push(Prisma.sql`p.published`);
  else if (query.published === false) conditions.push(Prisma.sql`NOT p.published`);
  if (query.type) conditions.push(Prisma.sql`p.type = ${query.type}`);
  if (query.model) conditions.push(Prisma.sql`p.model = ${query.model}`);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, "\\$&")}%`;
    conditions.push(Prisma.sql`(p.name ILIKE ${like} OR p.model ILIKE ${like} OR p.type ILIKE ${like})`);
  }
  const where = Prisma.join(conditions, " AND ");
  let pageWhere = where;
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    // The same order as ORDER BY p.name, p.id (one collation), so no row is skipped or repeated.
    pageWhere = Prisma.sql`${where} AND (p.name, p.id) > (${cursorValueFor("text", cursor.value)}, ${cursor.id})`;
  }
  const [rows, [{ total }]] = await Promise.all([
    db().$queryRaw<ProductRow[]>(selectProducts(pageWhere, query.limit + 1)),
    db().$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM t_products p WHERE ${where}`,
  ]);
  const items = rows.slice(0, query.limit).map(toProductDto);
  const last = items.at(-1);
  return {
    items: admin ? items : items.map(toCustomerProductDto),
    total,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.name, last.id) : null,
  };
}

async function findProduct(id: number): Promise<ProductDto | null> {
  const [row] = await db().$queryRaw<ProductRow[]>(selectProducts(Prisma.sql`p.id = ${id}`, 1));
  return row ? toProductDto(row) : null;
}

/** An unpublished product does not exist for a customer (404, not 403). */
export async function getProduct(user: SessionUser, id: number): Promise<ProductDto | CustomerProductDto> {
  requirePermission(user, "catalog:read");
  const product = await findProduct(id);
  if (!product) throw notFound("Product");
  if (can(user, "product:write")) return product;
  if (!product.published) throw notFound("Product");
  return toCustomerProductDto(product);
}

/** The admin's view of one product (for the edit page). */
export async function getProductForAdmin(user: SessionUser, id: number): Promise<ProductDto> {
  requirePermission(user, "product:write");
  const product = await findProduct(id);
  if (!product) throw notFound("Product");
  return product;
}

export async function updateProduct(user: SessionUser, id: number, input: UpdateProductInput): Promise<ProductDto> {
  requirePermission(user, "product:write");
  await db().$transaction(async (tx) => {
    const before = await tx.product.findUnique({ where: { id } });
    if (!before) throw notFound("Product");
    const data: Prisma.ProductUpdateInput = {};
    if (input.name !== undefined && input.name !== before.name) data.name = input.name;
    if (input.description !== undefined && (input.description || null) !== before.description) data.description = input.description || null;
    if (input.specifications !== undefined && JSON.stringify(input.specifications) !== JSON.stringify(before.specifications)) {
      data.specifications = input.specifications as Prisma.InputJsonValue;
    }
    if (input.published !== undefined && input.published !== before.published) data.published = input.published;
    const fields = Object.keys(data);
    if (!fields.length) return;
    await tx.product.update({ where: { id }, data });
    const action = data.published === true ? "published" : data.published === false ? "unpublished" : "updated";
    await recordAudit(tx, { entityType: "product", entityId: id, action, actor: user, data: { fields } });
  });
  return getProductForAdmin(user, id);
}

/** The advisory-lock namespace for (type, model) keys of products. */
const PRODUCT_LOCK_SPACE = 7_301;

/**
 * Deletes a product that has no units (its picture goes with it); with units it is a 409, as
 * the units would be left without their shop entry. Takes the (type, model) lock that
 * ensureProducts shares, so a unit being added meanwhile either is counted here or, added after,
 * gets a fresh draft product.
 */
export async function deleteProduct(user: SessionUser, id: number): Promise<void> {
  requirePermission(user, "product:write");
  await db().$transaction(async (tx) => {
    const product = await tx.product.findUnique({ where: { id }, select: { type: true, model: true, name: true, published: true } });
    if (!product) throw notFound("Product");
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PRODUCT_LOCK_SPACE}::int, hashtext(json_build_array(${product.type}::text, ${product.model}::text)::text))`;
    const units = await tx.device.count({ where: { type: product.type, model: product.model } });
    if (units > 0) {
      throw new AppError(
        "conflict",
        `${product.name} has ${units} ${units === 1 ? "unit" : "units"} in the inventory and cannot be deleted; delete its units first, or unpublish it to take it out of the shop`,
        { units },
      );
    }
    const deleted = await tx.product.deleteMany({ where: { id } });
    if (deleted.count !== 1) throw notFound("Product");
    await recordAudit(tx, {
      entityType: "product",
      entityId: id,
      action: "deleted",
      actor: user,
      data: { type: product.type, model: product.model, name: product.name, published: product.published },
    });
  });
}

export interface UnitDescription {
  type: string;
  model: string;
  name: string;
  description?: string | null;
  specifications?: unknown;
}

/**
 * Gives every (type, model) among `units` a product, as an unpublished draft described by the
 * first such unit; existing products are left alone. Runs in the caller's transaction, so a
 * unit never exists without its product. Sorted, so two imports lock keys in the same order.
 */
export async function ensureProducts(tx: Tx, units: UnitDescription[]): Promise<void> {
  const byKey = new Map<string, UnitDescription>();
  for (const u of units) {
    const key = `${u.type}\u0000${u.model}`;
    if (!byKey.has(key)) byKey.set(key, u);
  }
  if (!byKey.size) return;
  const drafts = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, u]) => u);
  const col = <T>(pick: (u: UnitDescription) => T) => drafts.map(pick);
  // Shared with other units being added, exclusive against deleteProduct (see there).
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock_shared(${PRODUCT_LOCK_SPACE}::int, hashtext(json_build_array(k.t, k.m)::text))
    FROM unnest(${col((u) => u.type)}::text[], ${col((u) => u.model)}::text[]) WITH ORDINALITY AS k(t, m, i)
    ORDER BY k.i`;
  await tx.$executeRaw`
    INSERT INTO t_products (type, model, name, description, specifications, published, updated_at)
    SELECT u.t, u.m, u.n, u.d, u.s::jsonb, false, now()
    FROM unnest(
      ${col((u) => u.type)}::text[], ${col((u) => u.model)}::text[], ${col((u) => u.name)}::text[],
      ${col((u) => u.description ?? null)}::text[], ${col((u) => JSON.stringify(u.specifications ?? {}))}::text[]
    ) WITH ORDINALITY AS u(t, m, n, d, s, i)
    ORDER BY u.i
    ON CONFLICT (type, model) DO NOTHING`;
}

/** The (type, model) of every published product: what a customer may see units of. */
export function listPublishedKeys(): Promise<Array<{ type: string; model: string }>> {
  return cachedRead("products:published-keys", () =>
    db().product.findMany({ where: { published: true }, select: { type: true, model: true }, orderBy: [{ type: "asc" }, { model: "asc" }] }),
  );
}

export async function isPublished(type: string, model: string): Promise<boolean> {
  const product = await db().product.findUnique({ where: { type_model: { type, model } }, select: { published: true } });
  return product?.published ?? false;
}

/** The product a unit belongs to, for the admin's device page. */
export async function findProductOf(user: SessionUser, unit: { type: string; model: string }) {
  requirePermission(user, "product:write");
  return db().product.findUnique({ where: { type_model: { type: unit.type, model: unit.model } }, select: { id: true, name: true, published: true } });
}
