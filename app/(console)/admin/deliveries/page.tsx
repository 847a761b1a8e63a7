import type { Metadata } from "next";
import Link from "next/link";
import { DeliveryActions } from "@/components/orders/delivery-actions";
import { StatusBadge } from "@/components/status-badge";
import { StatusFilterNav } from "@/components/status-filter-nav";
import { requirePageUser } from "@/lib/auth/session";
import { DELIVERY_STATUSES, type DeliveryStatus } from "@/lib/deliveries/lifecycle";
import { listDeliveries } from "@/lib/deliveries/service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Deliveries" };

/** Every parcel with its status, notes and units, and the admin's issue handling. */
export default async function AdminDeliveriesPage({ searchParams }: { searchParams: Promise<{ status?: string; cursor?: string }> }) {
  const user = await requirePageUser("delivery:manage");
  const params = await searchParams;
  const status = (DELIVERY_STATUSES as readonly string[]).includes(params.status ?? "") ? (params.status as DeliveryStatus) : undefined;
  const page = await listDeliveries(user, { status, limit: 50, cursor: params.cursor });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">Deliveries</h1>
      <StatusFilterNav basePath="/admin/deliveries" statuses={DELIVERY_STATUSES} active={status} />
      <p className="text-sm text-slate-600">{page.total} deliver{page.total === 1 ? "y" : "ies"}</p>
      {page.items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-500">No deliveries here.</p>
      ) : (
        <ul className="space-y-3">
          {page.items.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid={`delivery-row-${d.trackingNumber}`}>
              <div className="flex flex-wrap items-center gap-3">
                <StatusBadge status={d.status} testId="delivery-status" />
                <strong>
                  {d.carrier} {d.trackingNumber}
                </strong>
                <Link href={`/admin/orders/${d.orderId}`} className="underline">
                  {d.orderNumber}
                </Link>
                <span className="text-slate-500">
                  {d.devices.map((u) => `${u.serialNumber} (${u.status})`).join(", ")}
                </span>
              </div>
              {d.notes ? <pre className="mt-2 whitespace-pre-wrap text-xs text-slate-600">{d.notes}</pre> : null}
              <DeliveryActions deliveryId={d.id} trackingNumber={d.trackingNumber} nextStatuses={d.nextStatuses} />
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor ? (
        <Link href={`/admin/deliveries?${new URLSearchParams({ ...(status ? { status } : {}), cursor: page.nextCursor })}`} className="text-sm underline">
          Next page →
        </Link>
      ) : null}
    </div>
  );
}
