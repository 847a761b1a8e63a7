import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { countOrdersByStatus, listBoardOrders, TODO_STATUSES } from "@/lib/orders/board";
import { manualOrderLifecycle, ORDER_STATUSES, type OrderStatus } from "@/lib/orders/lifecycle";
import { statusLabel } from "@/components/status-badge";
import { OrderBoard } from "./order-board";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Orders" };

const TABS = ["todo", ...ORDER_STATUSES] as const;

/** The fulfilment queue: opens on what needs doing, oldest first, with counts on every tab. */
export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<{ status?: string; q?: string }> }) {
  const user = await requirePageUser("order:manage");
  const params = await searchParams;
  const tab = (TABS as readonly string[]).includes(params.status ?? "") ? (params.status as (typeof TABS)[number]) : "todo";
  const q = (params.q ?? "").slice(0, 100);
  const statuses = tab === "todo" ? TODO_STATUSES : [tab as OrderStatus];
  const [orders, counts] = await Promise.all([listBoardOrders(user, { statuses, q, limit: 100 }), countOrdersByStatus(user)]);
  const todo = TODO_STATUSES.reduce((n, s) => n + counts[s], 0);
  const href = (t: string) => `/admin/orders?${new URLSearchParams({ ...(t !== "todo" ? { status: t } : {}), ...(q ? { q } : {}) })}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-xl font-semibold text-slate-900">Orders</h1>
        <form role="search" method="get" action="/admin/orders" className="flex flex-wrap items-end gap-2">
          {tab !== "todo" ? <input type="hidden" name="status" value={tab} /> : null}
          <div>
            <label htmlFor="orders-q" className="block text-sm font-medium text-slate-700">
              Search orders
            </label>
            <input id="orders-q" name="q" type="search" defaultValue={q} placeholder="Number, customer or address" maxLength={100} className="mt-1 w-64 max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" />
          </div>
          <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700">
            Search
          </button>
        </form>
      </div>
      <nav aria-label="Filter by status" className="-mx-4 overflow-x-auto px-4">
        <ul className="flex gap-1 whitespace-nowrap">
          {TABS.map((t) => {
            const count = t === "todo" ? todo : counts[t];
            return (
              <li key={t}>
                <Link
                  href={href(t)}
                  aria-current={t === tab ? "page" : undefined}
                  className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm ${t === tab ? "bg-slate-900 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
                >
                  {t === "todo" ? "To do" : statusLabel(t)}
                  <span className={`rounded-full px-1.5 text-xs font-semibold ${t === tab ? "bg-white/20" : "bg-white text-slate-800"}`} data-testid={`count-${t}`}>
                    {count}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <p className="text-sm text-slate-600">
        {orders.length} {orders.length === 1 ? "order" : "orders"}
        {q ? ` matching “${q}”` : ""}
        {tab === "todo" ? " waiting for you, oldest first" : ""}
        {orders.length === 100 ? " (the first 100 shown)" : ""}
      </p>
      {orders.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">
          {tab === "todo" && !q ? "Nothing to do: every order is handled." : "No orders here."}
        </p>
      ) : (
        <OrderBoard orders={orders.map((o) => ({ ...o, nextStatuses: [...manualOrderLifecycle.nextStates(o.status as OrderStatus)] }))} currency={config().STORE_CURRENCY} />
      )}
    </div>
  );
}
