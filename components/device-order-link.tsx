import Link from "next/link";
import { findOrderHoldingDevice } from "@/lib/orders/service";
import { StatusBadge } from "@/components/status-badge";

/** For the device detail page: the order that holds this unit (reserved, shipped or delivered), if any. */
export async function DeviceOrderLink({ deviceId }: { deviceId: number }) {
  const order = await findOrderHoldingDevice(deviceId);
  if (!order) return <p className="text-sm text-slate-500">Not held by any order.</p>;
  return (
    <p className="flex items-center gap-2 text-sm" data-testid="device-order">
      Held by order{" "}
      <Link href={`/admin/orders/${order.id}`} className="font-medium underline">
        {order.orderNumber}
      </Link>
      <StatusBadge status={order.status} />
      <span className="text-slate-500">for {order.customer.name}</span>
    </p>
  );
}
