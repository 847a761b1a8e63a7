import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { listDevices } from "@/lib/inventory/service";

export const metadata: Metadata = { title: "Shop" };

/** The in-stock catalog. A simple grid for now; the orders area replaces it with a cart. */
export default async function ShopPage() {
  const user = await requirePageUser("catalog:read");
  const page = await listDevices(user, { status: "in_stock", sort: "-createdAt", limit: 100 });
  return (
    <div className="space-y-4">
      <div className="flex items-baseline gap-3">
        <h1 className="text-2xl font-semibold">Shop</h1>
        <p className="text-sm text-slate-600">{page.total} devices in stock</p>
      </div>
      {page.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">Nothing is in stock right now.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="catalog">
          {page.items.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4" data-serial={d.serialNumber}>
              <p className="font-medium">{d.name}</p>
              <p className="text-sm text-slate-600">
                {d.model} · {d.type}
              </p>
              <p className="mt-1 font-mono text-xs text-slate-500">{d.serialNumber}</p>
              <p className="mt-2 text-lg font-semibold tabular-nums">{d.price}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
