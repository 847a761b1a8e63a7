import { StatusBadge } from "@/components/status-badge";
import { trackingUrl } from "@/lib/client/carriers";
import { formatDate, formatPrice } from "@/lib/client/format";
import type { OrderDetailDto } from "@/lib/orders/dto";

type Delivery = OrderDetailDto["deliveries"][number];
type Event = OrderDetailDto["timeline"][number];

const STEPS = [
  { key: "placed", label: "Placed" },
  { key: "confirmed", label: "Confirmed" },
  { key: "processing", label: "Packed" },
  { key: "shipped", label: "Shipped" },
  { key: "out_for_delivery", label: "Out for delivery" },
  { key: "delivered", label: "Delivered" },
] as const;

// Days from shipping to the door, for the estimate shown before delivery.
const TRANSIT_DAYS = 3;
const HANDLING_DAYS = 2;

const addDays = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
const eventTarget = (e: Event) => e.toStatus ?? ((e.data as { to?: string } | null)?.to ?? null);

/** When each step was first reached, from the order's own history (never who did it). */
function stepDates(order: OrderDetailDto): Partial<Record<(typeof STEPS)[number]["key"], string>> {
  const dates: Partial<Record<string, string>> = { placed: order.createdAt };
  for (const e of order.timeline) {
    const to = e.action === "status_changed" || e.action === "delivery_update" ? eventTarget(e) : null;
    if (to && !dates[to]) dates[to] = e.createdAt;
    if (e.action === "delivery_created" && !dates.shipped) dates.shipped = e.createdAt;
  }
  for (const d of order.deliveries) {
    if (d.shippedAt && !dates.shipped) dates.shipped = d.shippedAt;
    if (d.deliveredAt && !dates.delivered) dates.delivered = d.deliveredAt;
    if (d.status === "out_for_delivery" && !dates.out_for_delivery) dates.out_for_delivery = d.updatedAt;
  }
  // A later step implies the earlier ones happened, even if not separately recorded.
  let later: string | undefined;
  for (const s of [...STEPS].reverse()) {
    if (dates[s.key]) later = dates[s.key];
    else if (later) dates[s.key] = later;
  }
  return dates;
}

/** One sentence per event, in the customer's words; internal notes and staff stay out. */
function describe(e: Event): string | null {
  const to = eventTarget(e);
  if (e.action === "placed") return "You placed the order.";
  if (e.action === "delivery_created") return "Another parcel is on its way.";
  if (e.action === "status_changed") {
    return (
      { confirmed: "We confirmed your order.", processing: "We are packing your order.", shipped: "Your order was shipped.", delivered: "Your order was delivered.", cancelled: "The order was cancelled." }[to ?? ""] ?? null
    );
  }
  if (e.action === "delivery_update") {
    const from = (e.data as { from?: string } | null)?.from;
    if (to === from) return null;
    return (
      {
        in_transit: "Your parcel is in transit.",
        out_for_delivery: "Your parcel is out for delivery.",
        delivered: "Your parcel was delivered.",
        failed: "The carrier could not deliver your parcel; they will try again.",
        returned: "Your parcel was returned to us.",
      }[to ?? ""] ?? null
    );
  }
  return null;
}

/** The customer's tracking page body: progress stepper, expected date, parcels with carrier links, and events. */
export function CustomerTracking({ order, currency, receiptAction }: { order: OrderDetailDto; currency: string; receiptAction: (d: Delivery) => React.ReactNode }) {
  const dates = stepDates(order);
  const cancelled = order.status === "cancelled";
  const reached = STEPS.filter((s) => dates[s.key]).length;
  const shipped = dates.shipped;
  const expected = order.status === "delivered" || cancelled ? null : shipped ? addDays(shipped, TRANSIT_DAYS) : addDays(order.createdAt, HANDLING_DAYS + TRANSIT_DAYS);
  const events = order.timeline.map((e) => ({ id: e.id, date: e.createdAt, text: describe(e) })).filter((e) => e.text);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold text-slate-900" data-testid="order-number">
            {order.orderNumber}
          </h1>
          <p className="text-sm text-slate-600">Placed on {formatDate(order.createdAt)}</p>
        </div>
        <div className="flex items-center gap-3">
          <StatusBadge status={order.status} testId="order-status" />
          <span className="text-lg font-semibold tabular-nums" data-testid="order-total">
            {formatPrice(order.totalAmount, currency)}
          </span>
        </div>
      </div>

      {cancelled ? (
        <p className="rounded-md border border-slate-200 bg-white p-4 text-sm">This order was cancelled. Nothing will be shipped and you will not be charged.</p>
      ) : (
        <section aria-labelledby="progress-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="progress-heading" className="sr-only">
            Progress
          </h2>
          <ol className="grid gap-3 sm:grid-cols-6" data-testid="order-progress">
            {STEPS.map((s, i) => {
              const done = Boolean(dates[s.key]);
              const current = i === reached - 1;
              return (
                <li key={s.key} aria-current={current ? "step" : undefined} data-done={done ? "true" : undefined} className="flex items-center gap-3 sm:flex-col sm:items-start sm:gap-1">
                  <span
                    aria-hidden="true"
                    className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${done ? "bg-emerald-700 text-white" : "bg-slate-100 text-slate-600 ring-1 ring-slate-300"}`}
                  >
                    {done ? "✓" : i + 1}
                  </span>
                  <span className="text-sm">
                    <span className={`block ${done ? "font-medium text-slate-900" : "text-slate-600"}`}>
                      {s.label}
                      <span className="sr-only">{done ? " — done" : " — not yet"}</span>
                    </span>
                    <span className="block text-xs text-slate-600">{dates[s.key] ? formatDate(dates[s.key]!) : "—"}</span>
                  </span>
                </li>
              );
            })}
          </ol>
          {expected ? (
            <p className="mt-4 text-sm" data-testid="expected-delivery">
              Expected delivery: <strong>{formatDate(expected)}</strong>
            </p>
          ) : null}
        </section>
      )}

      <section aria-labelledby="parcels-heading">
        <h2 id="parcels-heading" className="mb-2 font-medium text-slate-900">
          Parcels
        </h2>
        {order.deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">{cancelled ? "None." : "Not shipped yet. You will see the tracking number here as soon as it ships."}</p>
        ) : (
          <ul className="space-y-2">
            {order.deliveries.map((d) => {
              const url = trackingUrl(d.carrier, d.trackingNumber);
              return (
                <li key={d.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid={`delivery-${d.id}`}>
                  <div className="flex flex-wrap items-center gap-3">
                    <StatusBadge status={d.status} testId="delivery-status" />
                    <span className="break-all">
                      {d.carrier} · tracking <strong data-testid="tracking-number">{d.trackingNumber}</strong>
                    </span>
                    {url ? (
                      <a href={url} target="_blank" rel="noopener noreferrer" className="underline">
                        Track with {d.carrier}
                        <span className="sr-only"> (opens in a new tab)</span>
                      </a>
                    ) : null}
                    {d.deliveredAt ? <span className="text-slate-600">Delivered {formatDate(d.deliveredAt)}</span> : null}
                  </div>
                  {receiptAction(d)}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="mb-2 font-medium text-slate-900">
          Items
        </h2>
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white text-sm">
          {order.items.map((item) => (
            <li key={item.id} className="flex flex-wrap justify-between gap-2 px-3 py-2" data-testid={`item-${item.serialNumber}`}>
              <span className="min-w-0 break-words">
                {item.name} <span className="text-slate-600">({item.model})</span>
              </span>
              <span className="tabular-nums">{formatPrice(item.subtotal, currency)}</span>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm break-words text-slate-600">Ship to: {order.shippingAddress}</p>
      </section>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading" className="mb-2 font-medium text-slate-900">
          Updates
        </h2>
        <ol className="space-y-2" aria-label="Order timeline">
          {[...events].reverse().map((e) => (
            <li key={e.id} className="flex flex-wrap justify-between gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
              <span>{e.text}</span>
              <time className="text-xs text-slate-600" dateTime={e.date}>
                {formatDate(e.date)}
              </time>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
