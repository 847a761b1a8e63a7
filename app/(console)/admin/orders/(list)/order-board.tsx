"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { OrderActions } from "@/components/orders/order-actions";
import { StatusBadge } from "@/components/status-badge";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";
import { formatDateTime, formatPrice } from "@/lib/client/format";
import type { BoardOrderDto } from "@/lib/orders/board";

type BoardOrder = BoardOrderDto & { nextStatuses: string[] };

/** The board's rows (cards that fit a phone), row selection and the bulk actions on the selection. */
export function OrderBoard({ orders, currency }: { orders: BoardOrder[]; currency: string }) {
  const router = useRouter();
  const toast = useToast();
  const shipDialog = useRef<HTMLDialogElement>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [pending, setPending] = useState(false);
  const [shipErrors, setShipErrors] = useState<Record<number, string>>({});
  const chosen = orders.filter((o) => selected.has(o.id));
  const can = (status: string) => chosen.filter((o) => o.nextStatuses.includes(status));
  const shippable = chosen.filter((o) => o.status === "processing");

  const toggle = (id: number) => setSelected((s) => new Set(s.has(id) ? [...s].filter((x) => x !== id) : [...s, id]));

  /** One request per order, in order; a refusal names the order and does not stop the rest. */
  async function runEach(list: BoardOrder[], call: (o: BoardOrder) => Promise<{ ok: boolean; message?: string }>, verb: string) {
    setPending(true);
    const failed: string[] = [];
    for (const o of list) {
      const r = await call(o);
      if (!r.ok) failed.push(`${o.orderNumber}: ${r.message}`);
    }
    setPending(false);
    const done = list.length - failed.length;
    if (done) toast(`${verb} ${done} ${done === 1 ? "order" : "orders"}.`);
    if (failed.length) toast(`Not done — ${failed.join("; ")}`, "error");
    setSelected(new Set());
    router.refresh();
    return failed;
  }

  const moveAll = (status: string, verb: string) =>
    runEach(can(status), (o) => apiFetch(`/api/orders/${o.id}/status`, { method: "PUT", json: { status } }), verb);

  async function shipAll(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const carrier = String(form.get("carrier") ?? "").trim();
    const missing = Object.fromEntries(shippable.filter((o) => !String(form.get(`tracking-${o.id}`) ?? "").trim()).map((o) => [o.id, "Enter the tracking number."]));
    setShipErrors(missing);
    if (Object.keys(missing).length) return;
    shipDialog.current?.close();
    await runEach(
      shippable,
      (o) => apiFetch("/api/deliveries", { method: "POST", json: { orderId: o.id, carrier, trackingNumber: String(form.get(`tracking-${o.id}`)).trim() } }),
      "Shipped",
    );
  }

  const bulk = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50";
  return (
    <div className="space-y-3">
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white p-2" role="group" aria-label="Bulk actions">
        <label className="flex items-center gap-2 px-1 text-sm">
          <input
            type="checkbox"
            checked={selected.size === orders.length && orders.length > 0}
            onChange={(e) => setSelected(new Set(e.target.checked ? orders.map((o) => o.id) : []))}
          />
          Select all
        </label>
        <span className="text-sm text-slate-600" data-testid="selected-count">
          {selected.size} selected
        </span>
        <button type="button" disabled={pending || can("confirmed").length === 0} onClick={() => moveAll("confirmed", "Confirmed")} className={`${bulk} bg-slate-900 text-white`}>
          Confirm selected
        </button>
        <button type="button" disabled={pending || can("processing").length === 0} onClick={() => moveAll("processing", "Started processing")} className={`${bulk} bg-slate-900 text-white`}>
          Start processing selected
        </button>
        <button
          type="button"
          disabled={pending || shippable.length === 0}
          onClick={() => {
            setShipErrors({});
            shipDialog.current?.showModal();
          }}
          className={`${bulk} bg-violet-700 text-white`}
        >
          Ship selected…
        </button>
        <Link
          href={`/admin/orders/packing-slips?ids=${chosen.map((o) => o.id).join(",")}`}
          aria-disabled={chosen.length === 0}
          className={`${bulk} border border-slate-300 bg-white text-slate-800 ${chosen.length === 0 ? "pointer-events-none opacity-50" : "hover:bg-slate-100"}`}
        >
          Packing slips
        </Link>
      </div>

      <ul className="space-y-3">
        {orders.map((o) => (
          <li key={o.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid={`order-row-${o.orderNumber}`}>
            <div className="flex flex-wrap items-start gap-3">
              <input type="checkbox" checked={selected.has(o.id)} onChange={() => toggle(o.id)} aria-label={`Select ${o.orderNumber}`} className="mt-1" />
              <div className="min-w-0 flex-1 space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/admin/orders/${o.id}`} className="font-medium underline">
                    {o.orderNumber}
                  </Link>
                  <StatusBadge status={o.status} testId="order-status" />
                  <span className="text-slate-600">{formatDateTime(o.createdAt)} UTC</span>
                  <span className="ml-auto font-semibold tabular-nums">{formatPrice(o.totalAmount, currency)}</span>
                </div>
                <div className="grid gap-2 sm:grid-cols-2">
                  <div className="min-w-0 break-words">
                    <span className="text-slate-600">Ship to </span>
                    {o.shippingAddress}
                    <div className="text-xs text-slate-600">
                      {o.customer.name} · {o.customer.email}
                    </div>
                  </div>
                  <ul className="min-w-0 break-words" aria-label={`Items in ${o.orderNumber}`}>
                    {o.lines.map((l) => (
                      <li key={l.model + l.name}>
                        {l.quantity} × {l.name} <span className="text-slate-600">({l.model})</span>
                      </li>
                    ))}
                    {o.trackingNumbers.length ? <li className="text-xs text-slate-600">Tracking {o.trackingNumbers.join(", ")}</li> : null}
                  </ul>
                </div>
                <OrderActions orderId={o.id} orderNumber={o.orderNumber} nextStatuses={o.nextStatuses} canShip={o.status === "processing"} />
              </div>
            </div>
          </li>
        ))}
      </ul>

      <dialog ref={shipDialog} aria-labelledby="ship-title" className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50">
        <form onSubmit={shipAll} noValidate className="space-y-4">
          <h2 id="ship-title" className="text-lg font-semibold">
            Ship {shippable.length} {shippable.length === 1 ? "order" : "orders"}
          </h2>
          <label className="block text-sm font-medium">
            Carrier
            <input name="carrier" defaultValue="DHL" required className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" />
          </label>
          <ul className="space-y-2">
            {shippable.map((o) => (
              <li key={o.id}>
                <label className="block text-sm">
                  <span className="font-medium">Tracking number for {o.orderNumber}</span>
                  <span className="block text-xs text-slate-600">{o.shippingAddress}</span>
                  <input
                    name={`tracking-${o.id}`}
                    required
                    maxLength={100}
                    aria-invalid={shipErrors[o.id] ? true : undefined}
                    className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 font-mono text-sm ${shipErrors[o.id] ? "border-red-500" : "border-slate-300"}`}
                  />
                </label>
                {shipErrors[o.id] ? <p className="text-sm text-red-700">{shipErrors[o.id]}</p> : null}
              </li>
            ))}
          </ul>
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => shipDialog.current?.close()} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100">
              Cancel
            </button>
            <button type="submit" className="rounded-md bg-violet-700 px-4 py-2 text-sm font-medium text-white">
              Ship {shippable.length} {shippable.length === 1 ? "order" : "orders"}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
