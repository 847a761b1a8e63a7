"use client";

import { useState } from "react";
import { FormError, FormField } from "@/components/form-field";
import type { CartLine } from "@/lib/client/cart-store";
import { formatPrice } from "@/lib/client/format";

/** "19.99" → 1999 cents from the decimal text, so the estimate never goes through a float. */
const toCents = (price: string) => {
  const [whole, fraction = ""] = price.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
};
const centsText = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

export const cartKey = (p: { type: string; model: string }) => `${p.type}\u0000${p.model}`;

const ADDRESS_FIELDS = [
  { name: "recipient", label: "Full name", autoComplete: "name", missing: "Enter the name of the person receiving the parcel." },
  { name: "street", label: "Street and number", autoComplete: "address-line1", missing: "Enter the street and house number." },
  { name: "postalCode", label: "Postal code", autoComplete: "postal-code", missing: "Enter the postal code." },
  { name: "city", label: "City", autoComplete: "address-level2", missing: "Enter the city." },
  { name: "country", label: "Country", autoComplete: "country-name", missing: "Enter the country." },
] as const;
type AddressField = (typeof ADDRESS_FIELDS)[number]["name"];

/** One line, stored as the order's shipping_address text: "Name, Street 1, 1010 City, Country". */
const formatAddress = (a: Record<AddressField, string>) => `${a.recipient}, ${a.street}, ${a.postalCode} ${a.city}, ${a.country}`;

/** The cart and the checkout form. The total is an estimate; the server charges its own prices. */
export function Cart({
  lines,
  available,
  currency,
  onChange,
  onCheckout,
  pending,
  error,
}: {
  lines: CartLine[];
  available: Map<string, number>;
  currency: string;
  onChange: (lines: CartLine[]) => void;
  onCheckout: (address: string) => void;
  pending: boolean;
  /** The checkout's failure, shown beside the button the customer just pressed. */
  error: string | null;
}) {
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<AddressField, string>>>({});
  const total = lines.reduce((sum, l) => sum + toCents(l.price) * l.quantity, 0);
  const units = lines.reduce((n, l) => n + l.quantity, 0);

  function setQuantity(line: CartLine, quantity: number) {
    const max = available.get(cartKey(line)) ?? 0;
    const q = Math.max(0, Math.min(quantity, max));
    onChange(q === 0 ? lines.filter((l) => l !== line) : lines.map((l) => (l === line ? { ...l, quantity: q } : l)));
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const address = Object.fromEntries(ADDRESS_FIELDS.map((f) => [f.name, String(form.get(f.name) ?? "").trim()])) as Record<AddressField, string>;
    const missing = Object.fromEntries(ADDRESS_FIELDS.filter((f) => !address[f.name]).map((f) => [f.name, f.missing]));
    setFieldErrors(missing);
    if (Object.keys(missing).length) {
      event.currentTarget.querySelector<HTMLInputElement>(`[name=${Object.keys(missing)[0]}]`)?.focus();
      return;
    }
    onCheckout(formatAddress(address));
  }

  return (
    <aside id="cart" aria-label="Cart" tabIndex={-1} className="h-fit scroll-mt-4 space-y-3 rounded-lg border border-slate-200 bg-white p-4 lg:sticky lg:top-4">
      <h2 className="font-medium text-slate-900">
        Cart <span className="text-sm font-normal text-slate-600">({units} {units === 1 ? "item" : "items"})</span>
      </h2>
      {lines.length === 0 ? (
        <p className="text-sm text-slate-600">Your cart is empty.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {lines.map((l) => (
            <li key={cartKey(l)} className="flex flex-wrap items-center justify-between gap-2" data-testid={`cart-${l.model}`}>
              <span className="min-w-0 flex-1 break-words">{l.name}</span>
              <input
                type="number"
                min={0}
                max={available.get(cartKey(l))}
                value={l.quantity}
                aria-label={`Quantity of ${l.name}`}
                onChange={(e) => setQuantity(l, Number(e.target.value))}
                className="w-16 rounded-md border border-slate-300 bg-white px-2 py-1"
              />
              <span className="w-24 text-right tabular-nums">{formatPrice(centsText(toCents(l.price) * l.quantity), currency)}</span>
              <button type="button" onClick={() => setQuantity(l, 0)} aria-label={`Remove ${l.name} from cart`} className="text-xs text-slate-600 underline">
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="flex justify-between border-t border-slate-200 pt-2 font-semibold">
        <span>Total</span>
        <span data-testid="cart-total" className="tabular-nums">
          {formatPrice(centsText(total), currency)}
        </span>
      </p>
      <form onSubmit={submit} className="space-y-3" noValidate aria-label="Checkout">
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-900">Shipping address</legend>
          {ADDRESS_FIELDS.map((f) => (
            <FormField key={f.name} label={f.label} name={f.name} required autoComplete={f.autoComplete} maxLength={200} error={fieldErrors[f.name]} />
          ))}
        </fieldset>
        <FormError message={error} />
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
