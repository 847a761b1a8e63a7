"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { StatusBadge, statusLabel } from "@/components/status-badge";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";
import { formatDate } from "@/lib/client/format";

interface Row {
  id: number;
  serialNumber: string;
  name: string;
  type: string;
  model: string;
  price: string;
  status: string;
  createdAt: string;
}

// By-hand moves (lib/inventory/lifecycle manualDeviceLifecycle); the server refuses any other.
const BULK_TARGETS = ["in_stock", "maintenance", "defective"];

/** The inventory rows with selection, and one status change (with a reason) for all selected. */
export function DeviceTable({ items, header, caption }: { items: Row[]; header: React.ReactNode; caption: string }) {
  const router = useRouter();
  const toast = useToast();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [target, setTarget] = useState("maintenance");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function apply(event: React.FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 3) return setReasonError("Say why the status changes (at least 3 characters).");
    setReasonError(null);
    setPending(true);
    const failed: string[] = [];
    for (const d of items.filter((i) => selected.has(i.id))) {
      const r = await apiFetch(`/api/devices/${d.id}/status`, { method: "PUT", json: { status: target, reason } });
      if (!r.ok) failed.push(`${d.serialNumber} (${statusLabel(d.status)})`);
    }
    setPending(false);
    const done = selected.size - failed.length;
    if (done) toast(`${done} ${done === 1 ? "unit" : "units"} moved to ${statusLabel(target)}.`);
    if (failed.length) toast(`Not moved, as their status does not allow it: ${failed.join(", ")}`, "error");
    setSelected(new Set());
    setReason("");
    router.refresh();
  }

  const all = selected.size === items.length && items.length > 0;
  return (
    <div className="space-y-2">
      <form onSubmit={apply} className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-2 text-sm" aria-label="Change the status of selected units">
        <label className="flex items-center gap-2 self-center px-1">
          <input type="checkbox" checked={all} onChange={(e) => setSelected(new Set(e.target.checked ? items.map((i) => i.id) : []))} />
          Select all on this page
        </label>
        <span className="self-center text-slate-600" data-testid="device-selected-count">
          {selected.size} selected
        </span>
        {selected.size ? (
          <>
            <label>
              <span className="block font-medium text-slate-700">Move to</span>
              <select value={target} onChange={(e) => setTarget(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
                {BULK_TARGETS.map((s) => (
                  <option key={s} value={s}>
                    {statusLabel(s)}
                  </option>
                ))}
              </select>
            </label>
            <label className="min-w-0 flex-1">
              <span className="block font-medium text-slate-700">Reason</span>
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={500}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? "bulk-reason-error" : undefined}
                className={`w-full rounded-md border bg-white px-2 py-1.5 ${reasonError ? "border-red-500" : "border-slate-300"}`}
              />
            </label>
            <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white disabled:opacity-50">
              {pending ? "Changing…" : `Change ${selected.size} ${selected.size === 1 ? "unit" : "units"}`}
            </button>
            {reasonError ? (
              <p id="bulk-reason-error" role="alert" className="basis-full text-red-700">
                {reasonError}
              </p>
            ) : null}
          </>
        ) : null}
      </form>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="Devices table">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          {header}
          <tbody className="divide-y divide-slate-100">
            {items.map((d) => (
              <tr key={d.id} className="hover:bg-slate-50">
                <td className="px-3 py-2 font-mono whitespace-nowrap">
                  <input
                    type="checkbox"
                    checked={selected.has(d.id)}
                    onChange={() => setSelected((s) => new Set(s.has(d.id) ? [...s].filter((x) => x !== d.id) : [...s, d.id]))}
                    aria-label={`Select ${d.serialNumber}`}
                    className="mr-2 align-middle"
                  />
                  <Link href={`/admin/devices/${d.id}`} className="text-slate-900 underline-offset-2 hover:underline">
                    {d.serialNumber}
                  </Link>
                </td>
                <td className="px-3 py-2">{d.name}</td>
                <td className="px-3 py-2">{d.type}</td>
                <td className="px-3 py-2">{d.model}</td>
                <td className="px-3 py-2 text-right tabular-nums">{d.price}</td>
                <td className="px-3 py-2">
                  <StatusBadge status={d.status} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap text-slate-600">{formatDate(d.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
