import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmDeleteButton } from "@/components/confirm-delete-button";
import { StatusBadge } from "@/components/status-badge";
import { requirePageUser } from "@/lib/auth/session";
import { loadProduct } from "./load-product";
import { PictureUpload } from "./picture-upload";
import { ProductForm } from "./product-form";
import { PublishControl } from "./publish-control";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requirePageUser("product:write");
  const product = await loadProduct(user, (await params).id);
  return { title: `Product ${product.name}` };
}

export default async function ProductPage({ params }: Props) {
  const user = await requirePageUser("product:write");
  const product = await loadProduct(user, (await params).id);
  return (
    <div className="space-y-6">
      <Link href="/admin/products" className="text-sm text-slate-600 underline">
        ← Products
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold break-words">{product.name}</h1>
        <StatusBadge status={product.published ? "published" : "draft"} testId="product-state" />
        {/* Only a product without units can go; the API refuses the others (409) if one appears meanwhile. */}
        {product.units.total === 0 ? (
          <div className="sm:ml-auto">
            <ConfirmDeleteButton
              url={`/api/products/${product.id}`}
              name={product.name}
              explanation="The product and its picture are removed; it leaves the shop. Only a product without units in the inventory can be deleted."
              confirmLabel="Delete product"
              then="/admin/products"
            />
          </div>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">
        {product.type} · {product.model} ·{" "}
        <Link href={`/admin/devices?type=${encodeURIComponent(product.type)}&q=${encodeURIComponent(product.model)}`} className="underline">
          {product.units.inStock} of {product.units.total} {product.units.total === 1 ? "unit" : "units"} in stock
        </Link>
      </p>
      <PublishControl product={product} />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-labelledby="details-heading" className="min-w-0 space-y-3">
          <h2 id="details-heading" className="text-lg font-medium">
            Details
          </h2>
          <ProductForm product={product} />
        </section>
        <section aria-labelledby="picture-heading" className="min-w-0 space-y-3">
          <h2 id="picture-heading" className="text-lg font-medium">
            Picture
          </h2>
          <PictureUpload product={product} />
        </section>
      </div>
    </div>
  );
}
