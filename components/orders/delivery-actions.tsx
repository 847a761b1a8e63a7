"use client";

import { useRef, useState } from "react";
import { FormError } from "@/components/form-field";
import { statusLabel } from "@/components/status-badge";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { useApiAction } from "./use-api-action";

const input = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const FORWARD = ["in_transit", "out_for_delivery", "delivered"];

/**
 * Admin handling of one parcel: the forward moves as buttons (only those possible from here),
 * and issue reporting behind a button. Damage sends units to maintenance/defective; a failed
 * attempt and a return move the parcel; a return asks first, since it cannot be undone.
 */
export function DeliveryActions({ deliveryId, trackingNumber, nextStatuses }: { deliveryId: number; trackingNumber: string; nextStatuses: readonly string[] }) {
  const { run, pending, error, fieldErrors } = useApiAction();
  const [reporting, setReporting] = useState(false);
  const [kind, setKind] = useState("note");
  const formRef = useRef<HTMLFormElement>(null);
  const forward = nextStatuses.filter((s) => FORWARD.includes(s));
  // A returned parcel is closed: nothing more to do with it.
  if (nextStatuses.length === 0) return null;

  async function report() {
    const element = formRef.current;
    if (!element) return;
    const form = new FormData(element);
    const body: Record<string, unknown> = { kind, note: String(form.get("note") ?? "").trim() };
    if (kind === "damaged") body.unitStatus = form.get("unitStatus");
    const done = kind === "returned" ? "Parcel marked returned; its units are back in stock." : kind === "failed" ? "Failed delivery attempt recorded." : "Issue recorded.";
    if (await run(`/api/deliveries/${deliveryId}/issues`, "POST", body, `${trackingNumber}: ${done}`)) {
      element.reset();
      setKind("note");
      setReporting(false);
    }
  }

  return (
    <div className="mt-3 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {forward.map((s) => (
          <button
            key={s}
            type="button"
            disabled={pending}
            aria-label={`Mark ${statusLabel(s).toLowerCase()}: ${trackingNumber}`}
            onClick={() => run(`/api/deliveries/${deliveryId}/status`, "PUT", { status: s }, `${trackingNumber} is now ${statusLabel(s).toLowerCase()}.`)}
            className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
          >
            Mark {statusLabel(s).toLowerCase()}
          </button>
        ))}
        <button
          type="button"
          aria-expanded={reporting}
          aria-label={`Report an issue with ${trackingNumber}`}
          onClick={() => setReporting(!reporting)}
          className="rounded-md border border-orange-300 bg-white px-3 py-1.5 text-sm text-orange-800 hover:bg-orange-50"
        >
          Report an issue
        </button>
      </div>
      {reporting ? (
        <form
          ref={formRef}
          onSubmit={(e) => {
            e.preventDefault();
            void report();
          }}
          noValidate
          className="flex flex-wrap items-end gap-2 rounded-md border border-orange-200 bg-orange-50 p-3"
          aria-label={`Report an issue with ${trackingNumber}`}
        >
          <label className="text-sm">
            <span className="block font-medium text-slate-700">What happened</span>
            <select className={input} value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="note">A note for the team</option>
              <option value="damaged">Damaged in transit</option>
              {nextStatuses.includes("failed") ? <option value="failed">Failed delivery attempt</option> : null}
              {nextStatuses.includes("returned") ? <option value="returned">Returned to us</option> : null}
            </select>
          </label>
          {kind === "damaged" ? (
            <label className="text-sm">
              <span className="block font-medium text-slate-700">Send the units to</span>
              <select name="unitStatus" className={input} defaultValue="maintenance">
                <option value="maintenance">Maintenance</option>
                <option value="defective">Defective</option>
              </select>
            </label>
          ) : null}
          <label className="min-w-0 flex-1 text-sm">
            <span className="block font-medium text-slate-700">Details</span>
            <input
              name="note"
              required
              maxLength={1000}
              placeholder="What happened?"
              aria-invalid={fieldErrors.note ? true : undefined}
              className={`${input} w-full ${fieldErrors.note ? "border-red-500" : ""}`}
            />
            {fieldErrors.note ? <span className="mt-1 block text-red-700">Details {fieldErrors.note}</span> : null}
          </label>
          {kind === "returned" ? (
            <ConfirmButton
              label="Mark returned"
              title={`Mark ${trackingNumber} returned?`}
              body="The parcel is closed and its units go back to stock. This cannot be undone."
              confirmLabel="Mark returned"
              tone="danger"
              pending={pending}
              onConfirm={report}
              className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
            />
          ) : (
            <button type="submit" disabled={pending} className="rounded-md bg-orange-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
              Record issue
            </button>
          )}
        </form>
      ) : null}
      <FormError message={error} />
    </div>
  );
}
