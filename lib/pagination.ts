import { AppError } from "@/lib/errors";

/**
 * Keyset pagination over any whitelisted sort field: the cursor carries the last row's sort
 * value and id, so pages stay stable while rows are added and cost the same at any depth.
 */
export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

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

export function decodeCursor(cursor: string): { value: CursorValue; id: number } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Number.isSafeInteger(id) || !["string", "number"].includes(typeof value)) throw new Error();
    return { value, id };
  } catch {
    throw new AppError("validation_failed", "Invalid input — cursor: is not a cursor from this list", {
      fields: [{ field: "cursor", message: "is not a cursor from this list" }],
    });
  }
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
  return { AND: [where, afterCursor(NEWEST_FIRST, decodeCursor(cursor), (v) => new Date(String(v)))] };
}
