import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/pager";
import { StatusBadge } from "@/components/status-badge";
import { requirePageUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { pageLinks, readTrail, trailParam, type PagePosition } from "@/lib/page-trail";
import type { ProductDto } from "@/lib/products/dto";
import { listProductsQuerySchema, type ListProductsQuery } from "@/lib/products/schemas";
import { listProducts } from "@/lib/products/service";

export const metadata: Metadata = { title: "Products" };

type SearchParams = Record<string, string | string[] | undefined>;

const PAGE_SIZE = 25;

/** Only the parameters this page understands; anything else (or anything invalid) is ignored. */
function readQuery(params: SearchParams) {
  const pick = (key: string) => (typeof params[key] === "string" && params[key] !== "" ? (params[key] as string) : undefined);
  const parsed = listProductsQuerySchema.safeParse({ q: pick("q"), published: pick("published"), cursor: pick("cursor"), limit: PAGE_SIZE });
  const query = parsed.success ? parsed.data : listProductsQuerySchema.parse({ limit: PAGE_SIZE });
  return { query, trail: query.cursor ? readTrail(pick("trail")) : [] };
}

/** A link to this list: the filters, and the page (lib/page-trail.ts). */
function listHref(query: Pick<ListProductsQuery, "q" | "published">, page: PagePosition = { trail: [] }): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.published !== undefined) params.set("published", String(query.published));
  if (page.cursor) params.set("cursor", page.cursor);
  const trail = trailParam(page.trail);
  if (trail) params.set("trail", trail);
  const qs = params.toString();
  return `/admin/products${qs ? `?${qs}` : ""}`;
}

export default async function ProductsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("product:write");
  const { query, trail } = readQuery(await searchParams);
  let page;
  let restarted = false;
  try {
    page = await listProducts(user, query);
  } catch (error) {
    // A stale or edited cursor: start again from the first page rather than failing.
    if (!(error instanceof AppError) || error.code !== "validation_failed") throw error;
    restarted = true;
    query.cursor = undefined;
    trail.length = 0;
    page = await listProducts(user, query);
  }
  const items = page.items as ProductDto[];
  const total = page.total;
  const filtered = query.q !== undefined || query.published !== undefined;
  const control = "mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-slate-500";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Products</h1>
        <p className="text-sm text-slate-600" data-testid="product-total">
          {total} {total === 1 ? "product" : "products"}
          {filtered ? " match" : ""}
        </p>
      </div>
      <p className="max-w-2xl text-sm text-slate-600">
        What the shop shows for each type and model. A new type and model in the inventory starts as a draft; customers see it once it is published.
      </p>

      <form role="search" method="get" action="/admin/products" className="flex flex-wrap items-end gap-3">
        <div className="min-w-0">
          <label htmlFor="product-q" className="block text-sm font-medium text-slate-700">
            Search
          </label>
          <input id="product-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Name, type or model" maxLength={100} className={`${control} w-64 max-w-full`} />
        </div>
        <div>
          <label htmlFor="product-published" className="block text-sm font-medium text-slate-700">
            Shown in shop
          </label>
          <select id="product-published" name="published" defaultValue={query.published === undefined ? "" : String(query.published)} className={control}>
            <option value="">All products</option>
            <option value="true">Published</option>
            <option value="false">Drafts</option>
          </select>
        </div>
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700">
          Apply
        </button>
        {filtered ? (
          <Link href="/admin/products" className="py-2 text-sm text-slate-600 underline">
            Clear filters
          </Link>
        ) : null}
      </form>

      {restarted ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Part of this link was not understood and was ignored.
        </p>
      ) : null}

      {items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="empty-state">
          <p className="font-medium">{filtered ? "No products match these filters." : "No products yet."}</p>
          <p className="mt-1 text-sm text-slate-600">
            {filtered ? (
              <Link href="/admin/products" className="underline">
                Clear the filters
              </Link>
            ) : (
              <>
                Products appear here when you{" "}
                <Link href="/admin/devices/new" className="underline">
                  add a unit
                </Link>{" "}
                of a new type and model.
              </>
            )}
          </p>
        </div>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="Products table">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Products, sorted by name</caption>
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Name</th>
                <th scope="col" className="px-3 py-2 font-medium">Type · model</th>
                <th scope="col" className="px-3 py-2 font-medium">Shop</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">In stock</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">All units</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((p) => (
                <tr key={p.id} data-testid={`product-row-${p.model}`}>
                  <td className="px-3 py-2">
                    <Link href={`/admin/products/${p.id}`} className="font-medium break-words text-slate-900 underline-offset-2 hover:underline">
                      {p.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2 break-words text-slate-700">
                    {p.type} · {p.model}
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={p.published ? "published" : "draft"} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{p.units.inStock}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{p.units.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pager links={pageLinks({ cursor: query.cursor, trail }, page.nextCursor, (at) => listHref(query, at))} />
    </div>
  );
}
