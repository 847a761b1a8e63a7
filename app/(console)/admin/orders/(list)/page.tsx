import Link from "next/link";
import { OrderActions } from "@/components/orders/order-actions";
import { StatusBadge } from "@/components/status-badge";
import { StatusFilterNav } from "@/components/status-filter-nav";
import { requirePageUser } from "@/lib/auth/session";
import { manualOrderLifecycle, ORDER_STATUSES, type OrderStatus } from "@/lib/orders/lifecycle";
import { listOrders } from "@/lib/orders/service";

export const dynamic = "force-dynamic";

/** Fulfilment board: orders filtered by status, each with its next actions. */
export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<{ status?: string; cursor?: string }> }) {
  const user = await requirePageUser("order:manage");
  const params = await searchParams;
  const status = (ORDER_STATUSES as readonly string[]).includes(params.status ?? "") ? (params.status as OrderStatus) : undefined;
  const page = await listOrders(user, { status, limit: 50, cursor: params.cursor });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">Orders</h1>
      <StatusFilterNav basePath="/admin/orders" statuses={ORDER_STATUSES} active={status} />
      <p className="text-sm text-slate-600">{page.total} order(s)</p>
      {page.items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-500">No orders here.</p>
      ) : (
        <table className="w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th className="py-2">Order</th>
              <th>Customer</th>
              <th>Status</th>
              <th className="text-right">Total</th>
              <th className="pl-4">Next</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((o) => (
              <tr key={o.id} className="border-b border-slate-100 align-top" data-testid={`order-row-${o.orderNumber}`}>
                <td className="py-2">
                  <Link href={`/admin/orders/${o.id}`} className="font-medium underline">
                    {o.orderNumber}
                  </Link>
                  <div className="text-xs text-slate-500">
                    {o.itemCount} unit(s) · {new Date(o.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })}
                  </div>
                </td>
                <td>
                  {o.customer.name}
                  <div className="text-xs text-slate-500">{o.customer.email}</div>
                </td>
                <td>
                  <StatusBadge status={o.status} testId="order-status" />
                </td>
                <td className="text-right">{o.totalAmount}</td>
                <td className="py-2 pl-4">
                  <OrderActions
                    orderId={o.id}
                    orderNumber={o.orderNumber}
                    nextStatuses={[...manualOrderLifecycle.nextStates(o.status as OrderStatus)]}
                    canShip={o.status === "processing"}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.nextCursor ? (
        <Link href={`/admin/orders?${new URLSearchParams({ ...(status ? { status } : {}), cursor: page.nextCursor })}`} className="text-sm underline">
          Next page →
        </Link>
      ) : null}
    </div>
  );
}
