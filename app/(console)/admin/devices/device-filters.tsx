import Link from "next/link";
import { statusLabel } from "@/components/status-badge";
import { DEVICE_STATUSES } from "@/lib/inventory/lifecycle";
import type { ListDevicesQuery } from "@/lib/inventory/schemas";

/** A plain GET form: works without JavaScript, and the result is a shareable URL. */
export function DeviceFilters({ query, types }: { query: ListDevicesQuery; types: string[] }) {
  const control = "mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-slate-500";
  return (
    <form role="search" method="get" action="/admin/devices" className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="filter-q" className="block text-sm font-medium text-slate-700">
          Search
        </label>
        <input id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Name, model or serial" maxLength={100} className={`${control} w-64`} />
      </div>
      <div>
        <label htmlFor="filter-status" className="block text-sm font-medium text-slate-700">
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={query.status ?? ""} className={control}>
          <option value="">Any status</option>
          {DEVICE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-type" className="block text-sm font-medium text-slate-700">
          Type
        </label>
        <select id="filter-type" name="type" defaultValue={query.type ?? ""} className={control}>
          <option value="">Any type</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      {query.sort !== "-createdAt" ? <input type="hidden" name="sort" value={query.sort} /> : null}
      <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700">
        Apply
      </button>
      {query.q || query.status || query.type ? (
        <Link href="/admin/devices" className="py-2 text-sm text-slate-600 underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
