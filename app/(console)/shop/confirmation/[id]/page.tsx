import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { formatPrice } from "@/lib/client/format";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { getOrder } from "@/lib/orders/service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Order placed" };

export default async function ConfirmationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("order:read");
  const id = Number((await params).id);
  const order = await getOrder(user, Number.isSafeInteger(id) ? id : 0).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const currency = config().STORE_CURRENCY;
  return (
    <div className="mx-auto max-w-lg space-y-4 rounded-lg border border-emerald-200 bg-emerald-50 p-6">
      <h1 className="text-center text-xl font-semibold text-emerald-900">Thank you — your order is placed</h1>
      <p className="text-center text-slate-700">Your order number is</p>
      <p className="text-center font-mono text-2xl font-semibold break-all" data-testid="confirmation-order-number">
        {order.orderNumber}
      </p>
      <ul className="divide-y divide-emerald-200 rounded-md border border-emerald-200 bg-white text-sm" aria-label="Items">
        {order.items.map((item) => (
          <li key={item.id} className="flex justify-between gap-3 px-3 py-2">
            <span className="min-w-0 break-words">
              {item.name} <span className="text-slate-600">({item.model})</span>
            </span>
            <span className="tabular-nums">{formatPrice(item.subtotal, currency)}</span>
          </li>
        ))}
        <li className="flex justify-between px-3 py-2 font-semibold">
          <span>Total</span>
          <span className="tabular-nums" data-testid="confirmation-total">
            {formatPrice(order.totalAmount, currency)}
          </span>
        </li>
      </ul>
      <p className="text-sm break-words text-slate-700">
        Shipping to <strong>{order.shippingAddress}</strong>. Your units are reserved for you.
      </p>
      <div className="flex flex-wrap justify-center gap-3">
        <Link href={`/orders/${order.id}`} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700">
          Follow your order
        </Link>
        <Link href="/shop" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100">
          Continue shopping
        </Link>
      </div>
    </div>
  );
}
