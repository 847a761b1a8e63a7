import Link from "next/link";
import { listLowStock } from "@/lib/analytics/inventory";
import { cachedRead } from "@/lib/read-cache";

/** The admin's overview warning: products at or below their reorder point. Renders nothing when all is well. */
export async function LowStockAlert() {
  // On every inventory view: the products' stock outlook is reused for a moment (lib/read-cache.ts).
  const low = await cachedRead("low-stock", () => listLowStock());
  if (!low.length) return null;
  return (
    <section role="status" aria-label="Low stock" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="low-stock-alert">
      <p className="font-medium">
        {low.length} {low.length === 1 ? "product is" : "products are"} at or below the reorder point:
      </p>
      <ul className="mt-1 list-inside list-disc">
        {low.map((p) => (
          <li key={p.product}>
            {p.product}: {p.inStock} in stock, reorder at {p.reorderPoint}
            {p.stockOutDate ? `, runs out around ${p.stockOutDate}` : ""}
          </li>
        ))}
      </ul>
      <Link href="/admin/analytics#stock-title" className="mt-1 inline-block underline">
        See inventory analytics
      </Link>
    </section>
  );
}
