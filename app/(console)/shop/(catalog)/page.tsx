import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { listCatalog } from "@/lib/orders/catalog";
import { ShopCatalog } from "../shop-catalog";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shop" };

export default async function ShopPage() {
  const user = await requirePageUser("catalog:read");
  const products = await listCatalog(user);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">Shop</h1>
      <ShopCatalog products={products} currency={config().STORE_CURRENCY} />
    </div>
  );
}
