import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getOrder } from "@/lib/orders/service";

export const dynamic = "force-dynamic";

export default async function ConfirmationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("order:read");
  const id = Number((await params).id);
  const order = await getOrder(user, Number.isSafeInteger(id) ? id : 0).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <div className="mx-auto max-w-lg space-y-4 rounded-lg border border-emerald-200 bg-emerald-50 p-6 text-center">
      <h1 className="text-xl font-semibold text-emerald-900">Thank you — your order is placed</h1>
      <p className="text-slate-700">Your order number is</p>
      <p className="font-mono text-2xl font-semibold" data-testid="confirmation-order-number">
        {order.orderNumber}
      </p>
      <p className="text-sm text-slate-700">
        {order.itemCount} unit(s), total <strong>{order.totalAmount}</strong>, to {order.shippingAddress}. Your units are reserved.
      </p>
      <Link href={`/orders/${order.id}`} className="inline-block rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white">
        Follow your order
      </Link>
    </div>
  );
}
