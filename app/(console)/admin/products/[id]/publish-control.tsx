"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";
import type { ProductDto } from "@/lib/products/dto";

/** Publishing shows the product in the shop at once; unpublishing asks first, as customers lose it. */
export function PublishControl({ product }: { product: ProductDto }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState(false);

  async function setPublished(published: boolean) {
    setPending(true);
    const result = await apiFetch<ProductDto>(`/api/products/${product.id}`, { method: "PATCH", json: { published } });
    setPending(false);
    if (!result.ok) return toast(`Could not ${published ? "publish" : "unpublish"}: ${result.message}`, "error");
    // The saved product's name: the props may still hold the old one while a refresh is on its way.
    const { name } = result.data;
    toast(published ? `${name} is now in the shop.` : `${name} is no longer in the shop.`);
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <p className="min-w-0 flex-1">
        {product.published
          ? product.units.inStock > 0
            ? "Customers see this product in the shop."
            : "Published, but no unit is in stock, so the shop does not list it."
          : "A draft: customers do not see it and cannot order it."}
      </p>
      {product.published ? (
        <ConfirmButton
          label="Unpublish"
          title={`Unpublish ${product.name}?`}
          body="Customers will no longer see it in the shop or be able to order it. Orders already placed are not affected."
          confirmLabel="Unpublish"
          tone="danger"
          pending={pending}
          onConfirm={() => setPublished(false)}
          className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100 disabled:opacity-50"
        />
      ) : (
        <button
          type="button"
          disabled={pending}
          onClick={() => setPublished(true)}
          className="rounded-md bg-emerald-700 px-3 py-1.5 font-medium text-white hover:bg-emerald-600 disabled:opacity-50"
        >
          {pending ? "Publishing…" : "Publish"}
        </button>
      )}
    </div>
  );
}
