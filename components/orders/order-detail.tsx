import type { OrderDetailDto } from "@/lib/orders/dto";
import { OrderTimeline } from "./order-timeline";
import { StatusBadge } from "@/components/status-badge";

/**
 * One order as both the customer and the admin see it: items with their unit status,
 * deliveries with carrier and tracking number, and the timeline. Actions come in as slots.
 */
export function OrderDetail({
  order,
  actions,
  deliveryActions,
}: {
  order: OrderDetailDto;
  actions?: React.ReactNode;
  deliveryActions?: (delivery: OrderDetailDto["deliveries"][number]) => React.ReactNode;
}) {
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold text-slate-900" data-testid="order-number">
            {order.orderNumber}
          </h1>
          <p className="text-sm text-slate-600">
            Placed {new Date(order.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC by {order.customer.name} ({order.customer.email})
          </p>
        </div>
        <div className="flex items-center gap-3">
          <StatusBadge status={order.status} testId="order-status" />
          <span className="text-lg font-semibold" data-testid="order-total">
            {order.totalAmount}
          </span>
        </div>
      </div>
      {actions}
      <section>
        <h2 className="mb-2 font-medium text-slate-900">Items</h2>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Items table">
<table className="w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th className="py-2">Product</th>
              <th>Serial number</th>
              <th>Unit</th>
              <th className="text-right">Price</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item) => (
              <tr key={item.id} className="border-b border-slate-100" data-testid={`item-${item.serialNumber}`}>
                <td className="py-2">
                  {item.name} <span className="text-slate-500">({item.model})</span>
                </td>
                <td className="font-mono text-xs">{item.serialNumber}</td>
                <td>
                  <StatusBadge status={item.deviceStatus} testId="unit-status" />
                </td>
                <td className="text-right">{item.subtotal}</td>
              </tr>
            ))}
          </tbody>
        </table>
</div>
        <p className="mt-2 text-sm text-slate-600">Ship to: {order.shippingAddress}</p>
      </section>
      <section>
        <h2 className="mb-2 font-medium text-slate-900">Deliveries</h2>
        {order.deliveries.length === 0 ? (
          <p className="text-sm text-slate-500">Not shipped yet.</p>
        ) : (
          <ul className="space-y-2">
            {order.deliveries.map((d) => (
              <li key={d.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid={`delivery-${d.id}`}>
                <div className="flex flex-wrap items-center gap-3">
                  <StatusBadge status={d.status} testId="delivery-status" />
                  <span>
                    {d.carrier} · tracking <strong data-testid="tracking-number">{d.trackingNumber}</strong>
                  </span>
                  <span className="text-slate-500">{d.devices.length} unit(s)</span>
                  {d.deliveredAt ? <span className="text-slate-500">delivered {new Date(d.deliveredAt).toLocaleDateString("en-GB")}</span> : null}
                </div>
                {d.notes ? <pre className="mt-2 whitespace-pre-wrap text-xs text-slate-600">{d.notes}</pre> : null}
                {deliveryActions?.(d)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="mb-2 font-medium text-slate-900">Timeline</h2>
        <OrderTimeline events={order.timeline} />
      </section>
    </div>
  );
}
