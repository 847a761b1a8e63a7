"use client";

import { useState } from "react";
import { FormError, FormField } from "@/components/form-field";
import { useApiAction } from "./use-api-action";

const LABELS: Record<string, string> = { confirmed: "Confirm", processing: "Start processing" };

const button = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50";

/**
 * The next actions on one order: the by-hand moves the server allows this viewer, shipping
 * (a delivery with carrier and tracking number) for admins, and cancel with a reason.
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
    run(`/api/orders/${orderId}/status`, "PUT", note ? { status, note } : { status }).then((ok) => ok && setOpen(null));

  async function ship(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await run("/api/deliveries", "POST", {
      orderId,
      carrier: String(form.get("carrier") ?? ""),
      trackingNumber: String(form.get("trackingNumber") ?? ""),
    });
    if (ok) setOpen(null);
  }

  async function cancel(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    await move("cancelled", reason || undefined);
  }

  if (!nextStatuses.length && !canShip) return null;
  return (
    <div className="space-y-2" aria-label={`Actions for ${orderNumber}`}>
      <div className="flex flex-wrap gap-2">
        {nextStatuses
          .filter((s) => s !== "cancelled")
          .map((s) => (
            <button key={s} type="button" disabled={pending} onClick={() => move(s)} className={`${button} bg-slate-900 text-white hover:bg-slate-700`}>
              {LABELS[s] ?? s}
            </button>
          ))}
        {canShip ? (
          <button type="button" disabled={pending} onClick={() => setOpen(open === "ship" ? null : "ship")} className={`${button} bg-violet-700 text-white hover:bg-violet-600`}>
            Ship
          </button>
        ) : null}
        {nextStatuses.includes("cancelled") ? (
          <button type="button" disabled={pending} onClick={() => setOpen(open === "cancel" ? null : "cancel")} className={`${button} border border-red-300 text-red-700 hover:bg-red-50`}>
            Cancel order
          </button>
        ) : null}
      </div>
      <FormError message={error} />
      {open === "ship" ? (
        <form onSubmit={ship} className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-slate-50 p-3" noValidate>
          <FormField label="Carrier" name="carrier" required defaultValue="DHL" error={fieldErrors.carrier} />
          <FormField label="Tracking number" name="trackingNumber" required error={fieldErrors.trackingNumber} />
          <button type="submit" disabled={pending} className={`${button} bg-violet-700 text-white`}>
            Create delivery
          </button>
        </form>
      ) : null}
      {open === "cancel" ? (
        <form onSubmit={cancel} className="flex flex-wrap items-end gap-2 rounded-md border border-red-200 bg-red-50 p-3" noValidate>
          <FormField label="Reason" name="reason" placeholder="Why is this order cancelled?" error={fieldErrors.note} />
          <button type="submit" disabled={pending} className={`${button} bg-red-700 text-white`}>
            Confirm cancellation
          </button>
        </form>
      ) : null}
    </div>
  );
}
