import type { Metadata } from "next";
import Link from "next/link";
import { LowStockAlert } from "@/components/low-stock-alert";
import { Pager } from "@/components/pager";
import { statusLabel } from "@/components/status-badge";
import { requirePageUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { countDevicesByStatus, listDeviceTypes } from "@/lib/inventory/facets";
import { DEVICE_STATUSES } from "@/lib/inventory/lifecycle";
import { listDevices } from "@/lib/inventory/service";
import { DeviceFilters } from "../device-filters";
import { devicePageLinks, exportHref, listHref, readListState, type SearchParams } from "../list-params";
import { SortHeader } from "../sort-header";
import { DeviceTable } from "./device-table";

export const metadata: Metadata = { title: "Inventory" };


export default async function DevicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("device:read");
  const state = readListState(await searchParams);
  let page;
  try {
    page = await listDevices(user, state.query);
  } catch (error) {
    // A stale or edited cursor: start again from the first page rather than failing.
    if (!(error instanceof AppError) || error.code !== "validation_failed") throw error;
    state.ignored = true;
    state.query.cursor = undefined;
    state.trail = [];
    page = await listDevices(user, state.query);
  }
  const [types, counts] = await Promise.all([listDeviceTypes(), countDevicesByStatus()]);
  const { query } = state;
  const filtered = Boolean(query.q || query.status || query.type);

  return (
    <div className="space-y-4">
      <LowStockAlert />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Inventory</h1>
        <p className="text-sm text-slate-600" data-testid="device-total">
          {page.total} {page.total === 1 ? "device" : "devices"}
          {filtered ? " match" : ""}
        </p>
        <div className="flex flex-wrap gap-2 sm:ml-auto">
          <a href={exportHref(query)} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100">
            Export CSV
          </a>
          <Link href="/admin/devices/import" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100">
            Import CSV
          </Link>
          <Link href="/admin/devices/new" className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700">
            Add device
          </Link>
        </div>
      </div>

      <nav aria-label="Unit counts" className="relative -mx-4 overflow-x-auto px-4">
        <ul className="flex gap-1 whitespace-nowrap">
          {DEVICE_STATUSES.map((s) => (
            <li key={s}>
              <Link
                href={listHref({ ...query, status: query.status === s ? undefined : s, cursor: undefined })}
                aria-current={query.status === s ? "page" : undefined}
                className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm ${query.status === s ? "bg-slate-900 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-100"}`}
              >
                {statusLabel(s)}
                <span className="font-semibold tabular-nums" data-testid={`status-count-${s}`}>
                  {counts[s] ?? 0}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <DeviceFilters query={query} types={types} />
      {state.ignored ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Part of this link was not understood and was ignored.
        </p>
      ) : null}

      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="empty-state">
          <p className="font-medium">{filtered ? "No devices match these filters." : "No devices in stock records yet."}</p>
          <p className="mt-1 text-sm text-slate-600">
            {filtered ? (
              <Link href="/admin/devices" className="underline">
                Clear the filters
              </Link>
            ) : (
              <>
                <Link href="/admin/devices/new" className="underline">
                  Add a device
                </Link>{" "}
                or{" "}
                <Link href="/admin/devices/import" className="underline">
                  import a CSV
                </Link>
                .
              </>
            )}
          </p>
        </div>
      ) : (
        <DeviceTable
          items={page.items}
          caption={`Devices, sorted by ${query.sort.replace(/^-/, "")}`}
          header={
            <thead className="bg-slate-50 text-left">
              <tr>
                <SortHeader field="serialNumber" label="Serial" query={query} />
                <SortHeader field="name" label="Name" query={query} />
                <SortHeader field="type" label="Type" query={query} />
                <SortHeader field="model" label="Model" query={query} />
                <SortHeader field="price" label="Price" query={query} align="right" />
                <SortHeader field="status" label="Status" query={query} />
                <SortHeader field="createdAt" label="Added" query={query} />
              </tr>
            </thead>
          }
        />
      )}

      <Pager links={devicePageLinks(state, page.nextCursor)} />
    </div>
  );
}
