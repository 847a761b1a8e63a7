import type { Metadata } from "next";
import Link from "next/link";
import { DeliveryActions } from "@/components/orders/delivery-actions";
import { OrderActions } from "@/components/orders/order-actions";
import { OrderDetail } from "@/components/orders/order-detail";
import { requirePageUser } from "@/lib/auth/session";
import { loadOrder } from "@/components/orders/load-order";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const order = await loadOrder(await requirePageUser("order:manage"), (await params).id);
  return { title: `Order ${order.orderNumber}` };
}

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("order:manage");
  const order = await loadOrder(user, (await params).id);
  // Shipping is possible while units are still held for the order (all of them, or the rest of a partial shipment).
  const canShip = ["processing", "shipped"].includes(order.status) && order.items.some((i) => i.deviceStatus === "reserved");
  return (
    <div className="space-y-4">
      <Link href="/admin/orders" className="text-sm text-slate-600 underline">
        ← Orders
      </Link>
      <OrderDetail
        order={order}
        actions={<OrderActions orderId={order.id} orderNumber={order.orderNumber} nextStatuses={order.nextStatuses} canShip={canShip} />}
        deliveryActions={(d) => <DeliveryActions deliveryId={d.id} trackingNumber={d.trackingNumber} nextStatuses={d.nextStatuses} />}
      />
    </div>
  );
}
