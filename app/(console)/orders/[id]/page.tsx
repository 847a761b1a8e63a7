import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmReceiptButton } from "@/components/orders/confirm-receipt-button";
import { CustomerTracking } from "@/components/orders/customer-tracking";
import { OrderActions } from "@/components/orders/order-actions";
import { requirePageUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { OPEN_DELIVERY_STATUSES, type DeliveryStatus } from "@/lib/deliveries/lifecycle";
import { loadOrder } from "@/components/orders/load-order";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const order = await loadOrder(await requirePageUser("order:read"), (await params).id);
  return { title: `Order ${order.orderNumber}` };
}

/** The customer's tracking page: progress, expected date, parcels with carrier links, cancel and confirm receipt. */
export default async function MyOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("order:read");
  const order = await loadOrder(user, (await params).id);
  const canCancel = order.customer.id === user.id && order.nextStatuses.includes("cancelled") && order.status === "pending";
  return (
    <div className="space-y-4">
      <Link href="/orders" className="text-sm text-slate-600 underline">
        ← My orders
      </Link>
      <CustomerTracking
        order={order}
        currency={config().STORE_CURRENCY}
        receiptAction={(d) =>
          d.status !== "pending" && OPEN_DELIVERY_STATUSES.includes(d.status as DeliveryStatus) ? (
            <ConfirmReceiptButton deliveryId={d.id} trackingNumber={d.trackingNumber} />
          ) : null
        }
      />
      {canCancel ? <OrderActions orderId={order.id} orderNumber={order.orderNumber} nextStatuses={["cancelled"]} canShip={false} /> : null}
    </div>
  );
}
