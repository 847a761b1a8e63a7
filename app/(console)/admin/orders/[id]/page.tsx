import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryActions } from "@/components/orders/delivery-actions";
import { OrderActions } from "@/components/orders/order-actions";
import { OrderDetail } from "@/components/orders/order-detail";
import { requirePageUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getOrder } from "@/lib/orders/service";

export const dynamic = "force-dynamic";

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("order:manage");
  const id = Number((await params).id);
  const order = await getOrder(user, Number.isSafeInteger(id) ? id : 0).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
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
