import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { formatDate } from "@/lib/client/format";
import { listOrdersByIds } from "@/lib/orders/board";
import { PrintButton } from "./print-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Packing slips" };

/** One printable page per order: ship-to, and each unit by serial number to pick. */
export default async function PackingSlipsPage({ searchParams }: { searchParams: Promise<{ ids?: string }> }) {
  const user = await requirePageUser("order:manage");
  const ids = [...new Set((await searchParams).ids?.split(",").map(Number).filter((n) => Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647) ?? [])];
  const orders = ids.length ? await listOrdersByIds(user, ids) : [];
  return (
    <div className="space-y-4">
      <div className="no-print flex flex-wrap items-center gap-3">
        <Link href="/admin/orders" className="text-sm text-slate-600 underline">
          ← Orders
        </Link>
        <h1 className="text-xl font-semibold">Packing slips ({orders.length})</h1>
        {orders.length ? <PrintButton /> : null}
      </div>
      {orders.length === 0 ? <p className="text-slate-600">Select orders on the board first.</p> : null}
      {orders.map((o) => (
        <article key={o.id} className="print-page rounded-lg border border-slate-200 bg-white p-6 text-sm" aria-label={`Packing slip ${o.orderNumber}`}>
          <header className="flex flex-wrap justify-between gap-2 border-b border-slate-200 pb-3">
            <div>
              <p className="text-lg font-semibold">Device Store — packing slip</p>
              <p>
                Order <strong>{o.orderNumber}</strong> · placed {formatDate(o.createdAt)}
              </p>
            </div>
          </header>
          <section className="mt-3">
            <h2 className="font-semibold">Ship to</h2>
            <p className="break-words whitespace-pre-line">{o.shippingAddress.replaceAll(", ", "\n")}</p>
          </section>
          <table className="mt-4 w-full text-left">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1">Qty</th>
                <th scope="col">Product</th>
                <th scope="col">Serial numbers</th>
                <th scope="col">Packed</th>
              </tr>
            </thead>
            <tbody>
              {o.lines.map((l) => (
                <tr key={l.model + l.name} className="border-b border-slate-100 align-top">
                  <td className="py-1">{l.quantity}</td>
                  <td>
                    {l.name} ({l.model})
                  </td>
                  <td className="font-mono text-xs break-all">{l.serialNumbers.join(", ")}</td>
                  <td aria-label="Tick when packed">☐</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      ))}
    </div>
  );
}
