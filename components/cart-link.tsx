"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { cartCount, onCartChange, readCart } from "@/lib/client/cart-store";

const readCount = () => cartCount(readCart());

/** The cart, one tap away from every page, with the number of units in it. */
export function CartLink() {
  const count = useSyncExternalStore(onCartChange, readCount, () => 0);
  return (
    <Link
      href="/shop#cart"
      data-testid="cart-link"
      className="relative inline-flex items-center gap-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <circle cx="9" cy="20" r="1.5" />
        <circle cx="18" cy="20" r="1.5" />
        <path d="M2 3h3l2.7 12.2a2 2 0 0 0 2 1.6h8.1a2 2 0 0 0 2-1.5L22 8H6" />
      </svg>
      <span className="sr-only sm:not-sr-only">Cart</span>
      <span data-testid="cart-count" className={`min-w-5 rounded-full px-1.5 text-center text-xs font-semibold ${count ? "bg-emerald-700 text-white" : "bg-slate-200 text-slate-700"}`}>
        {count}
      </span>
      <span className="sr-only">{count === 1 ? "item" : "items"}</span>
    </Link>
  );
}
