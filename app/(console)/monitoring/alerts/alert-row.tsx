"use client";

import Link from "next/link";
import { useState } from "react";
import { SeverityBadge } from "@/components/monitoring/connectivity-badge";
import { apiFetch } from "@/lib/client/api";
import type { AlertDto } from "@/lib/monitoring/alert-model";

const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeStyle: "medium" });

/** One alert; an admin acknowledges it with a note, or clears it. */
export function AlertRow({ alert: a, deviceName, admin, onChanged }: { alert: AlertDto; deviceName: string; admin: boolean; onChanged: () => void }) {
  const [acking, setAcking] = useState(false);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = async (path: "ack" | "clear", body?: unknown) => {
    setBusy(true);
    const res = await apiFetch(`/api/monitoring/alerts/${a.id}/${path}`, { method: "PUT", json: body ?? {} });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setAcking(false);
    onChanged();
  };

  return (
    <tr className="border-t border-slate-100 align-top" data-testid={`alert-${a.id}`} data-status={a.status}>
      <td className="px-3 py-2"><SeverityBadge severity={a.severity} /></td>
      <td className="px-3 py-2">
        <div className="font-medium">{a.message}</div>
        <div className="text-xs text-slate-600">
          {a.alertType.replaceAll("_", " ")}
          {a.count > 1 ? ` · seen ${a.count}×` : ""}
          {a.ackNote ? ` · note: ${a.ackNote}` : ""}
        </div>
        {error ? <p role="alert" className="mt-1 text-xs text-red-700">{error}</p> : null}
      </td>
      <td className="px-3 py-2"><Link href={`/monitoring/devices/${a.deviceId}`} className="text-sky-800 hover:underline">{deviceName}</Link></td>
      <td className="px-3 py-2 capitalize">{a.status}</td>
      <td className="px-3 py-2"><time dateTime={a.createdAt}>{time.format(new Date(a.createdAt))}</time></td>
      {admin ? (
        <td className="px-3 py-2">
          {acking ? (
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                void act("ack", note.trim() ? { note: note.trim() } : {});
              }}
            >
              <label className="text-xs">
                Note
                <input autoFocus value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} className="mt-1 block w-48 rounded-md border border-slate-300 px-2 py-1 text-sm" />
              </label>
              <button type="submit" disabled={busy} className="rounded-md bg-slate-900 px-2 py-1 text-xs font-medium text-white disabled:opacity-50">Confirm</button>
              <button type="button" onClick={() => setAcking(false)} className="rounded-md border border-slate-300 px-2 py-1 text-xs">Cancel</button>
            </form>
          ) : (
            <div className="flex gap-2">
              {a.status === "open" ? (
                <button type="button" onClick={() => setAcking(true)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100">
                  Acknowledge<span className="sr-only"> {a.message} on {deviceName}</span>
                </button>
              ) : null}
              {a.status !== "cleared" ? (
                <button type="button" disabled={busy} onClick={() => void act("clear")} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50">
                  Clear<span className="sr-only"> {a.message} on {deviceName}</span>
                </button>
              ) : null}
            </div>
          )}
        </td>
      ) : null}
    </tr>
  );
}
