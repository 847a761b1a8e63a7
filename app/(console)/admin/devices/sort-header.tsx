import Link from "next/link";
import type { ListDevicesQuery } from "@/lib/inventory/schemas";
import { listHref } from "./list-params";

/** A column header that sorts by its field; a second click reverses the order. */
export function SortHeader({ field, label, query, align }: { field: string; label: string; query: ListDevicesQuery; align?: "right" }) {
  const current = query.sort.replace(/^-/, "") === field ? (query.sort.startsWith("-") ? "descending" : "ascending") : undefined;
  // Dates and prices read best newest/highest first; text A→Z.
  const firstDirection = field === "createdAt" || field === "price" ? `-${field}` : field;
  const next = current === "ascending" ? `-${field}` : current === "descending" ? field : firstDirection;
  return (
    <th scope="col" aria-sort={current ?? "none"} className={`px-3 py-2 font-medium text-slate-700 ${align === "right" ? "text-right" : ""}`}>
      <Link href={listHref({ ...query, sort: next })} className="inline-flex items-center gap-1 hover:underline">
        {label}
        <span aria-hidden="true" className="text-xs text-slate-400">
          {current === "ascending" ? "▲" : current === "descending" ? "▼" : "↕"}
        </span>
        <span className="sr-only">{current ? `, sorted ${current}` : ", sortable"}</span>
      </Link>
    </th>
  );
}
