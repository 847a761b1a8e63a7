"use client";

import { FormField } from "@/components/form-field";

export interface CartLine {
  type: string;
  model: string;
  name: string;
  price: string;
  quantity: number;
}

/** "19.99" → 1999 cents from the decimal text, so the estimate never goes through a float. */
const toCents = (price: string) => {
  const [whole, fraction = ""] = price.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
};
const formatCents = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

export const cartKey = (p: { type: string; model: string }) => `${p.type}\u0000${p.model}`;

/** The cart and the checkout form. The total is an estimate; the server charges its own prices. */
export function Cart({
  lines,
  available,
  onChange,
  onCheckout,
  pending,
  addressError,
}: {
  lines: CartLine[];
  available: Map<string, number>;
  onChange: (lines: CartLine[]) => void;
  onCheckout: (address: string) => void;
  pending: boolean;
  addressError?: string;
}) {
  const total = lines.reduce((sum, l) => sum + toCents(l.price) * l.quantity, 0);

  function setQuantity(line: CartLine, quantity: number) {
    const max = available.get(cartKey(line)) ?? 0;
    const q = Math.max(0, Math.min(quantity, max));
    onChange(q === 0 ? lines.filter((l) => l !== line) : lines.map((l) => (l === line ? { ...l, quantity: q } : l)));
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onCheckout(String(new FormData(event.currentTarget).get("shippingAddress") ?? ""));
  }

  return (
    <aside aria-label="Cart" className="h-fit space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium text-slate-900">Cart</h2>
      {lines.length === 0 ? (
        <p className="text-sm text-slate-500">Your cart is empty.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {lines.map((l) => (
            <li key={cartKey(l)} className="flex items-center justify-between gap-2" data-testid={`cart-${l.model}`}>
              <span className="flex-1">{l.name}</span>
              <input
                type="number"
                min={0}
                max={available.get(cartKey(l))}
                value={l.quantity}
                aria-label={`Quantity of ${l.name}`}
                onChange={(e) => setQuantity(l, Number(e.target.value))}
                className="w-16 rounded-md border border-slate-300 px-2 py-1"
              />
              <span className="w-20 text-right">{formatCents(toCents(l.price) * l.quantity)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="flex justify-between border-t border-slate-200 pt-2 font-semibold">
        <span>Total</span>
        <span data-testid="cart-total">{formatCents(total)}</span>
      </p>
      <form onSubmit={submit} className="space-y-3" noValidate>
        <FormField label="Shipping address" name="shippingAddress" required autoComplete="street-address" error={addressError} />
        <button
          type="submit"
          disabled={pending || lines.length === 0}
          className="w-full rounded-md bg-emerald-700 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-600 disabled:opacity-50"
        >
          {pending ? "Placing order…" : "Place order"}
        </button>
      </form>
    </aside>
  );
}
