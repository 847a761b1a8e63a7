"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { FormError } from "@/components/form-field";
import { apiFetch } from "@/lib/client/api";
import type { CatalogProductDto } from "@/lib/orders/catalog";
import { Cart, cartKey, type CartLine } from "./cart";

const STORAGE_KEY = "device-store-cart";

/** The catalog grouped by product, with a cart kept in the browser until checkout. */
export function ShopCatalog({ products }: { products: CatalogProductDto[] }) {
  const router = useRouter();
  const [cart, setCart] = useState<CartLine[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const available = useMemo(() => new Map(products.map((p) => [cartKey(p), p.available])), [products]);

  // The cart survives reloads; restoring it after mount keeps server and client markup equal.
  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]") as CartLine[];
      // eslint-disable-next-line react-hooks/set-state-in-effect -- one-time restore from localStorage
      setCart(saved.filter((l) => available.has(cartKey(l))));
    } catch {
      /* a corrupt cart is simply dropped */
    }
    setHydrated(true);
  }, [available]);

  function update(next: CartLine[]) {
    setCart(next);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  }

  function add(p: CatalogProductDto) {
    const line = cart.find((l) => cartKey(l) === cartKey(p));
    if (line) update(cart.map((l) => (l === line ? { ...l, quantity: Math.min(l.quantity + 1, p.available) } : l)));
    else update([...cart, { type: p.type, model: p.model, name: p.name, price: p.price, quantity: 1 }]);
  }

  async function checkout(shippingAddress: string) {
    setPending(true);
    setError(null);
    setFieldErrors({});
    const result = await apiFetch<{ id: number }>("/api/orders", {
      method: "POST",
      json: { items: cart.map(({ type, model, quantity }) => ({ type, model, quantity })), shippingAddress },
    });
    setPending(false);
    if (!result.ok) {
      setError(result.code === "out_of_stock" ? `${result.message}. Adjust your cart and try again.` : result.message);
      setFieldErrors(result.fieldErrors);
      return;
    }
    update([]);
    router.push(`/shop/confirmation/${result.data.id}`);
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <section aria-label="Catalog" data-hydrated={hydrated ? "true" : undefined}>
        {products.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-500">Nothing in stock right now.</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {products.map((p) => (
              <li key={cartKey(p)} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4" data-testid={`product-${p.model}`}>
                <h2 className="font-medium text-slate-900">{p.name}</h2>
                <p className="text-xs text-slate-500">
                  {p.type} · {p.model}
                </p>
                {p.description ? <p className="mt-2 text-sm text-slate-700">{p.description}</p> : null}
                <dl className="mt-2 grid grid-cols-2 gap-x-2 text-xs text-slate-600">
                  {Object.entries((p.specifications ?? {}) as Record<string, unknown>).map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="font-medium">{k}</dt>
                      <dd>{Array.isArray(v) ? v.join(", ") : String(v)}</dd>
                    </div>
                  ))}
                </dl>
                <div className="mt-auto flex items-center justify-between pt-3">
                  <span className="font-semibold">
                    {p.price !== p.maxPrice ? "from " : ""}
                    {p.price}
                  </span>
                  <span className="text-xs text-slate-500">{p.available} available</span>
                </div>
                <button
                  type="button"
                  onClick={() => add(p)}
                  className="mt-2 rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
                >
                  Add to cart
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Cart
        lines={cart}
        available={available}
        onChange={update}
        onCheckout={checkout}
        pending={pending}
        addressError={fieldErrors.shippingAddress}
      />
      <div className="lg:col-start-2">
        <FormError message={error} />
      </div>
    </div>
  );
}
