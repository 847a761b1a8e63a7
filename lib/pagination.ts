import { z } from "zod";
import { AppError } from "@/lib/errors";
import { unsafeTextReason } from "@/lib/text";

/**
 * Keyset pagination over any whitelisted sort field: the cursor carries the last row's sort
 * value and id, so pages stay stable while rows are added and cost the same at any depth.
 */
export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** The response schema of a `Page` of `item` (documented in /api/openapi.json). */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    items: z.array(item),
    total: z.number().int().min(0),
    /** Pass as `cursor` for the next page; null on the last one. */
    nextCursor: z.string().nullable(),
  });

export interface SortSpec {
  field: string;
  direction: "asc" | "desc";
}

export function parseSort(sort: string): SortSpec {
  return sort.startsWith("-") ? { field: sort.slice(1), direction: "desc" } : { field: sort, direction: "asc" };
}

type CursorValue = string | number | null;

export function encodeCursor(value: CursorValue, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

const badCursor = () =>
  new AppError("validation_failed", "Invalid input — cursor: is not a cursor from this list", {
    fields: [{ field: "cursor", message: "is not a cursor from this list" }],
  });

export function decodeCursor(cursor: string): { value: CursorValue; id: number } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw badCursor();
  const [value, id] = decoded;
  if (!Number.isSafeInteger(id) || id < 0 || id > 2_147_483_647 || !["string", "number"].includes(typeof value)) throw badCursor();
  if (typeof value === "string" && (value.length > 200 || unsafeTextReason(value))) throw badCursor();
  return { value, id };
}

/** The type of a sort column, which a cursor's value must fit before it reaches the database. */
export type SortKind = "date" | "decimal" | "text" | "int";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const DECIMAL = /^-?\d{1,12}(\.\d{1,4})?$/;

/**
 * A cursor value checked against its sort column's type (400-style 422 otherwise): a forged
 * cursor used to reach Prisma or decimal.js and come back as a 500.
 */
export function cursorValueFor(kind: SortKind, value: CursorValue): string | number | Date {
  if (kind === "date") {
    const date = typeof value === "string" && ISO_DATE.test(value) ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw badCursor();
    return date;
  }
  if (kind === "decimal") {
    const text = typeof value === "number" ? String(value) : value;
    if (typeof text !== "string" || !DECIMAL.test(text)) throw badCursor();
    return text;
  }
  if (kind === "int") {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || Math.abs(value) > 2_147_483_647) throw badCursor();
    return value;
  }
  if (typeof value !== "string") throw badCursor();
  return value;
}

/** A Prisma `where` fragment selecting rows strictly after the cursor in the sort order. */
export function afterCursor(sort: SortSpec, cursor: { value: CursorValue; id: number }, castValue: (v: CursorValue) => unknown) {
  const op = sort.direction === "asc" ? "gt" : "lt";
  const value = castValue(cursor.value);
  return {
    OR: [{ [sort.field]: { [op]: value } }, { [sort.field]: value, id: { [op]: cursor.id } }],
  };
}

export function orderByFor(sort: SortSpec) {
  return [{ [sort.field]: sort.direction }, { id: sort.direction }];
}

/** The newest-first order every timeline list uses (orders, deliveries). */
export const NEWEST_FIRST: SortSpec = { field: "createdAt", direction: "desc" };

/** `where` narrowed to the rows after `cursor` in newest-first order (or unchanged without one). */
export function afterNewestFirstCursor<W extends object>(where: W, cursor: string | undefined): W | { AND: [W, object] } {
  if (!cursor) return where;
  return { AND: [where, afterCursor(NEWEST_FIRST, decodeCursor(cursor), (v) => cursorValueFor("date", v))] };
}
