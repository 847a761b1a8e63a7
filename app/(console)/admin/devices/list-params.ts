import { listDevicesQuerySchema, type ListDevicesQuery } from "@/lib/inventory/schemas";
import { pageLinks, readTrail, type PagePosition } from "@/lib/page-trail";

/**
 * The inventory list's state lives in the URL so every view is linkable: filters (q, status,
 * type), sort, and the keyset page — `cursor` for this page and `trail`, the cursors of the pages
 * before it ("first" for page one), so "Previous" works without offsets.
 */
export type SearchParams = Record<string, string | string[] | undefined>;

export interface ListState {
  query: ListDevicesQuery;
  trail: string[];
  ignored: boolean;
}

export const PAGE_SIZE = 25;

const one = (params: SearchParams, key: string) => {
  const v = params[key];
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
};

export function readListState(params: SearchParams): ListState {
  const raw = {
    q: one(params, "q"),
    status: one(params, "status"),
    type: one(params, "type"),
    sort: one(params, "sort"),
    cursor: one(params, "cursor"),
    limit: PAGE_SIZE,
  };
  const trail = readTrail(one(params, "trail"));
  const parsed = listDevicesQuerySchema.safeParse(raw);
  if (parsed.success) return { query: parsed.data, trail, ignored: false };
  // A hand-edited or stale link: keep what is valid, drop the rest, and say so.
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
  return { query: listDevicesQuerySchema.parse({ ...kept, cursor: undefined }), trail: [], ignored: true };
}

/** A link to the list with some state changed; filters or sort changing go back to page one. */
export function listHref(query: Partial<ListDevicesQuery>, page?: { cursor?: string; trail?: string[] }): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.type) params.set("type", query.type);
  if (query.sort && query.sort !== "-createdAt") params.set("sort", query.sort);
  if (page?.cursor) params.set("cursor", page.cursor);
  if (page?.trail?.length) params.set("trail", page.trail.join("."));
  const qs = params.toString();
  return `/admin/devices${qs ? `?${qs}` : ""}`;
}

/** Previous, Next and First page links for this state (lib/page-trail.ts). */
export function devicePageLinks(state: ListState, nextCursor: string | null) {
  return pageLinks({ cursor: state.query.cursor, trail: state.trail }, nextCursor, (page: PagePosition) => listHref(state.query, page));
}

export function exportHref(query: ListDevicesQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.type) params.set("type", query.type);
  const qs = params.toString();
  return `/api/devices/export${qs ? `?${qs}` : ""}`;
}
