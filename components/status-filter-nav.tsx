import Link from "next/link";
import { statusLabel } from "./status-badge";

/** "All" plus one pill per status; the chosen one is marked for screen readers too. */
export function StatusFilterNav({ basePath, statuses, active }: { basePath: string; statuses: readonly string[]; active?: string }) {
  return (
    <nav aria-label="Filter by status" className="flex flex-wrap gap-1">
      {["all", ...statuses].map((f) => {
        const isActive = (f === "all" && !active) || f === active;
        return (
          <Link
            key={f}
            href={f === "all" ? basePath : `${basePath}?status=${f}`}
            aria-current={isActive ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-sm ${isActive ? "bg-slate-900 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
          >
            {f === "all" ? "All" : statusLabel(f)}
          </Link>
        );
      })}
    </nav>
  );
}
