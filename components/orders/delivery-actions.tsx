"use client";

import { useState } from "react";
import { FormError } from "@/components/form-field";
import { useApiAction } from "./use-api-action";

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/**
 * Admin handling of one parcel: move it along its lifecycle with a note, or report an issue
 * (damage sends units to maintenance/defective; failed and returned move the parcel).
 */
export function DeliveryActions({ deliveryId, nextStatuses }: { deliveryId: number; nextStatuses: readonly string[] }) {
  const { run, pending, error, fieldErrors } = useApiAction();
  const [kind, setKind] = useState("note");

  async function changeStatus(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const note = String(form.get("note") ?? "").trim();
    await run(`/api/deliveries/${deliveryId}/status`, "PUT", { status: form.get("status"), ...(note ? { note } : {}) });
  }

  async function report(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const body: Record<string, unknown> = { kind, note: String(form.get("note") ?? "").trim() };
    if (kind === "damaged") body.unitStatus = form.get("unitStatus");
    if (await run(`/api/deliveries/${deliveryId}/issues`, "POST", body)) element.reset();
  }

  return (
    <div className="mt-2 space-y-2">
      {nextStatuses.length ? (
        <form onSubmit={changeStatus} className="flex flex-wrap items-center gap-2" aria-label="Change delivery status">
          <select name="status" aria-label="New status" className={input} defaultValue={nextStatuses[0]}>
            {nextStatuses.map((s) => (
              <option key={s} value={s}>
                {s.replaceAll("_", " ")}
              </option>
            ))}
          </select>
          <input name="note" aria-label="Status note" placeholder="Note (optional)" className={input} />
          <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-50">
            Update
          </button>
        </form>
      ) : null}
      <form onSubmit={report} className="flex flex-wrap items-center gap-2" aria-label="Report an issue">
        <select aria-label="Issue" className={input} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="note">note</option>
          <option value="damaged">damaged</option>
          {nextStatuses.includes("failed") ? <option value="failed">failed attempt</option> : null}
          {nextStatuses.includes("returned") ? <option value="returned">returned</option> : null}
        </select>
        {kind === "damaged" ? (
          <select name="unitStatus" aria-label="Send units to" className={input} defaultValue="maintenance">
            <option value="maintenance">maintenance</option>
            <option value="defective">defective</option>
          </select>
        ) : null}
        <input name="note" aria-label="Issue note" required placeholder="What happened?" className={input} />
        <button type="submit" disabled={pending} className="rounded-md border border-orange-300 px-3 py-1.5 text-sm text-orange-800 disabled:opacity-50">
          Report issue
        </button>
        {fieldErrors.note ? <span className="text-sm text-red-600">{fieldErrors.note}</span> : null}
      </form>
      <FormError message={error} />
    </div>
  );
}
