"use client";

import { useState } from "react";
import { FormError, FormField } from "@/components/form-field";
import { statusLabel } from "@/components/status-badge";
import { useApiAction } from "./use-api-action";

const LABELS: Record<string, string> = { confirmed: "Confirm", processing: "Start processing" };
const DONE: Record<string, string> = { confirmed: "confirmed", processing: "is being processed" };

const button = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50";

/**
 * The next actions on one order: the by-hand moves the server allows this viewer, shipping
 * (a delivery with carrier and tracking number) for admins, and cancel with a reason.
 * Every button names its order, so a board of rows has no two buttons called the same.
 */
export function OrderActions({
  orderId,
  orderNumber,
  nextStatuses,
  canShip,
}: {
  orderId: number;
  orderNumber: string;
  nextStatuses: string[];
  canShip: boolean;
}) {
  const { run, pending, error, fieldErrors } = useApiAction();
  const [open, setOpen] = useState<"ship" | "cancel" | null>(null);

  const move = (status: string, note?: string) =>
    run(
      `/api/orders/${orderId}/status`,
      "PUT",
      note ? { status, note } : { status },
      status === "cancelled" ? `Order ${orderNumber} cancelled.` : `Order ${orderNumber} ${DONE[status] ?? `moved to ${statusLabel(status)}`}.`,
    ).then((ok) => ok && setOpen(null));

  async function ship(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const trackingNumber = String(form.get("trackingNumber") ?? "").trim();
    const ok = await run(
      "/api/deliveries",
      "POST",
      { orderId, carrier: String(form.get("carrier") ?? ""), trackingNumber },
      `Order ${orderNumber} shipped with tracking number ${trackingNumber}.`,
    );
    if (ok) setOpen(null);
  }

  async function cancel(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    await move("cancelled", reason || undefined);
  }

  if (!nextStatuses.length && !canShip) return null;
  return (
    <div className="space-y-2" role="group" aria-label={`Actions for ${orderNumber}`}>
      <div className="flex flex-wrap gap-2">
        {nextStatuses
          .filter((s) => s !== "cancelled")
          .map((s) => (
            <button
              key={s}
              type="button"
              disabled={pending}
              onClick={() => move(s)}
              aria-label={`${LABELS[s] ?? statusLabel(s)} ${orderNumber}`}
              className={`${button} bg-slate-900 text-white hover:bg-slate-700`}
            >
              {LABELS[s] ?? statusLabel(s)}
            </button>
          ))}
        {canShip ? (
          <button
            type="button"
            disabled={pending}
            aria-expanded={open === "ship"}
            aria-label={`Ship ${orderNumber}`}
            onClick={() => setOpen(open === "ship" ? null : "ship")}
            className={`${button} bg-violet-700 text-white hover:bg-violet-600`}
          >
            Ship
          </button>
        ) : null}
        {nextStatuses.includes("cancelled") ? (
          <button
            type="button"
            disabled={pending}
            aria-expanded={open === "cancel"}
            aria-label={`Cancel order ${orderNumber}`}
            onClick={() => setOpen(open === "cancel" ? null : "cancel")}
            className={`${button} border border-red-300 bg-white text-red-700 hover:bg-red-50`}
          >
            Cancel order
          </button>
        ) : null}
      </div>
      {open === null ? <FormError message={error} /> : null}
      {open === "ship" ? (
        <form onSubmit={ship} className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-slate-50 p-3" noValidate aria-label={`Ship ${orderNumber}`}>
          <FormField label="Carrier" name="carrier" required defaultValue="DHL" error={fieldErrors.carrier} />
          <FormField label="Tracking number" name="trackingNumber" required error={fieldErrors.trackingNumber} autoFocus />
          <button type="submit" disabled={pending} className={`${button} bg-violet-700 text-white`}>
            Create delivery
          </button>
          <div className="basis-full">
            <FormError message={error} />
          </div>
        </form>
      ) : null}
      {open === "cancel" ? (
        <form onSubmit={cancel} className="flex flex-wrap items-end gap-2 rounded-md border border-red-200 bg-red-50 p-3" noValidate aria-label={`Cancel ${orderNumber}`}>
          <FormField label="Reason" name="reason" placeholder="Why is this order cancelled?" error={fieldErrors.note} autoFocus />
          <button type="submit" disabled={pending} className={`${button} bg-red-700 text-white`}>
            Confirm cancellation
          </button>
          <p className="basis-full text-xs text-red-800">Cancelling releases the reserved units back to stock. It cannot be undone.</p>
          <div className="basis-full">
            <FormError message={error} />
          </div>
        </form>
      ) : null}
    </div>
  );
}
