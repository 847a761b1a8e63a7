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
      <FilterSelect
        name="status"
        label="Status"
        anyLabel="Any status"
        value={query.status}
        options={DEVICE_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
        className={control}
      />
      <FilterSelect name="type" label="Type" anyLabel="Any type" value={query.type} options={types.map((t) => ({ value: t, label: t }))} className={control} />
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

interface FilterSelectProps {
  name: string;
  label: string;
  anyLabel: string;
  value?: string;
  options: { value: string; label: string }[];
  className: string;
}

/** One labelled filter; the empty choice means "no filter". */
function FilterSelect({ name, label, anyLabel, value, options, className }: FilterSelectProps) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={className}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
