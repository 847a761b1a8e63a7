import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { requirePageUser } from "@/lib/auth/session";
import { listOrders } from "@/lib/orders/service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My orders" };

export default async function MyOrdersPage() {
  const user = await requirePageUser("order:read");
  // "My orders" is the signed-in person's own orders, even for an admin (who has the board).
  const page = await listOrders({ ...user, role: "CUSTOMER" }, { limit: 100 });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">My orders</h1>
      {page.items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-500">
          No orders yet. <Link href="/shop" className="underline">Visit the shop</Link>.
        </p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Orders table">
<table className="w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th className="py-2">Order</th>
              <th>Placed</th>
              <th>Status</th>
              <th>Tracking</th>
              <th className="text-right">Total</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((o) => (
              <tr key={o.id} className="border-b border-slate-100" data-testid={`order-row-${o.orderNumber}`}>
                <td className="py-2">
                  <Link href={`/orders/${o.id}`} className="font-medium underline">
                    {o.orderNumber}
                  </Link>
                </td>
                <td>{new Date(o.createdAt).toLocaleDateString("en-GB")}</td>
                <td>
                  <StatusBadge status={o.status} />
                </td>
                <td className="font-mono text-xs">{o.trackingNumbers.join(", ") || "—"}</td>
                <td className="text-right">{o.totalAmount}</td>
              </tr>
            ))}
          </tbody>
        </table>
</div>
      )}
    </div>
  );
}
