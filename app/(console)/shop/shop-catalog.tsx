"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { ProductPicture } from "@/components/products/product-picture";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";
import { readCart, writeCart, type CartLine } from "@/lib/client/cart-store";
import { formatPrice, stockLabel } from "@/lib/client/format";
import type { CatalogProductDto } from "@/lib/orders/catalog";
import { Cart, cartKey } from "./cart";

type Sort = "name" | "price" | "-price";

const specText = (v: unknown) => (Array.isArray(v) ? v.join(", ") : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));

/** The catalog grouped by product, searchable and sortable, with a cart kept in the browser until checkout. */
export function ShopCatalog({ products, currency }: { products: CatalogProductDto[]; currency: string }) {
  const router = useRouter();
  const toast = useToast();
  const [cart, setCart] = useState<CartLine[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const [q, setQ] = useState("");
  const [type, setType] = useState("");
  const [sort, setSort] = useState<Sort>("name");
  const available = useMemo(() => new Map(products.map((p) => [cartKey(p), p.available])), [products]);
  const types = useMemo(() => [...new Set(products.map((p) => p.type))].sort(), [products]);

  // The cart survives reloads; restoring it after mount keeps server and client markup equal.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one-time restore from localStorage
    setCart(readCart().filter((l) => available.has(cartKey(l))));
    setHydrated(true);
  }, [available]);

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const list = products.filter(
      (p) => (!type || p.type === type) && (!needle || `${p.name} ${p.model} ${p.type} ${p.description ?? ""}`.toLowerCase().includes(needle)),
    );
    const byPrice = (a: CatalogProductDto, b: CatalogProductDto) => Number(a.price) - Number(b.price);
    return list.sort(sort === "name" ? (a, b) => a.name.localeCompare(b.name) : sort === "price" ? byPrice : (a, b) => byPrice(b, a));
  }, [products, q, type, sort]);

  function update(next: CartLine[]) {
    setCart(next);
    writeCart(next);
  }

  function add(p: CatalogProductDto) {
    const line = cart.find((l) => cartKey(l) === cartKey(p));
    if (line && line.quantity >= p.available) {
      toast(`All ${p.available} available ${p.name} are already in your cart.`, "info");
      return;
    }
    if (line) update(cart.map((l) => (l === line ? { ...l, quantity: l.quantity + 1 } : l)));
    else update([...cart, { type: p.type, model: p.model, name: p.name, price: p.price, quantity: 1 }]);
    toast(`Added ${p.name} to your cart.`);
  }

  async function checkout(shippingAddress: string) {
    setPending(true);
    setError(null);
    const result = await apiFetch<{ id: number; orderNumber: string }>("/api/orders", {
      method: "POST",
      json: { items: cart.map(({ type, model, quantity }) => ({ type, model, quantity })), shippingAddress },
    });
    setPending(false);
    if (!result.ok) {
      setError(
        result.code === "out_of_stock"
          ? "Some items in your cart are no longer available in that quantity. Lower the quantity and try again."
          : result.fieldErrors.shippingAddress
            ? "Please check the shipping address: it looks incomplete."
            : result.code === "validation_failed"
              ? "Your cart could not be ordered as it is. Check the quantities and try again."
              : result.message,
      );
      if (result.code === "out_of_stock") router.refresh();
      return;
    }
    update([]);
    toast(`Order ${result.data.orderNumber} placed.`);
    router.push(`/shop/confirmation/${result.data.id}`);
  }

  const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <section aria-label="Catalog" data-hydrated={hydrated ? "true" : undefined} className="min-w-0 space-y-4">
        <div role="search" className="grid gap-3 sm:grid-cols-[1fr_auto_auto]">
          <div>
            <label htmlFor="shop-q" className="block text-sm font-medium text-slate-700">
              Search
            </label>
            <input id="shop-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name or model" className={control} />
          </div>
          <div>
            <label htmlFor="shop-type" className="block text-sm font-medium text-slate-700">
              Type
            </label>
            <select id="shop-type" value={type} onChange={(e) => setType(e.target.value)} className={control}>
              <option value="">All types</option>
              {types.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="shop-sort" className="block text-sm font-medium text-slate-700">
              Sort by
            </label>
            <select id="shop-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)} className={control}>
              <option value="name">Name</option>
              <option value="price">Price: low to high</option>
              <option value="-price">Price: high to low</option>
            </select>
          </div>
        </div>
        <p className="text-sm text-slate-600" aria-live="polite">
          {shown.length} {shown.length === 1 ? "product" : "products"}
        </p>
        {products.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">Nothing in stock right now.</p>
        ) : shown.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">No product matches your search.</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {shown.map((p) => (
              <li key={cartKey(p)} className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-4" data-testid={`product-${p.model}`}>
                <ProductPicture url={p.pictureUrl} alt={`Picture of ${p.name}`} wide className="mb-3" />
                <h2 className="font-medium break-words text-slate-900">{p.name}</h2>
                <p className="text-xs break-words text-slate-600">
                  {p.type} · {p.model}
                </p>
                {p.description ? <p className="mt-2 text-sm break-words text-slate-700">{p.description}</p> : null}
                <dl className="mt-2 grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 text-xs text-slate-600">
                  {Object.entries((p.specifications ?? {}) as Record<string, unknown>).map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="font-medium break-words">{k}</dt>
                      <dd className="break-words [overflow-wrap:anywhere]">{specText(v)}</dd>
                    </div>
                  ))}
                </dl>
                <div className="mt-auto flex items-center justify-between gap-2 pt-3">
                  <span className="font-semibold tabular-nums">
                    {p.price !== p.maxPrice ? "from " : ""}
                    {formatPrice(p.price, currency)}
                  </span>
                  <span className={`text-xs ${p.available <= 5 ? "font-medium text-amber-800" : "text-emerald-800"}`}>{stockLabel(p.available)}</span>
                </div>
                <button
                  type="button"
                  onClick={() => add(p)}
                  className="mt-2 rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
                >
                  Add<span className="sr-only"> {p.name} ({p.model})</span> to cart
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Cart lines={cart} available={available} currency={currency} onChange={update} onCheckout={checkout} pending={pending} error={error} />
    </div>
  );
}
