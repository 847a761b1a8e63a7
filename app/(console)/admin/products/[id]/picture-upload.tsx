"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { FormError } from "@/components/form-field";
import { ProductPicture } from "@/components/products/product-picture";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";
import type { ProductDto } from "@/lib/products/dto";

const MAX_BYTES = 1024 * 1024;
const TYPES = ["image/png", "image/jpeg", "image/webp"];

/** Choose a file, see it, then upload it; the server checks the bytes again (type and size). */
export function PictureUpload({ product }: { product: ProductDto }) {
  const router = useRouter();
  const toast = useToast();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);

  function choose(event: React.ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    setError(null);
    setFile(null);
    setPreview(null);
    if (!chosen) return;
    if (!TYPES.includes(chosen.type)) return setError("Choose a PNG, JPEG or WebP image.");
    if (chosen.size > MAX_BYTES) return setError(`This file is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; the picture may be at most 1 MB.`);
    setFile(chosen);
    setPreview(URL.createObjectURL(chosen));
  }

  async function upload(event: React.FormEvent) {
    event.preventDefault();
    if (!file) return setError("Choose a picture first.");
    setPending(true);
    const result = await apiFetch<ProductDto>(`/api/products/${product.id}/picture`, { method: "PUT", body: file, headers: { "content-type": file.type } });
    setPending(false);
    if (!result.ok) return setError(result.message);
    // The saved product's name: the props may still hold the old one while a refresh is on its way.
    toast(`Picture of ${result.data.name} saved.`);
    setFile(null);
    setPreview(null);
    router.refresh();
  }

  return (
    <form onSubmit={upload} className="space-y-3" aria-label="Product picture">
      <ProductPicture url={preview ?? product.picture?.url ?? null} alt={preview ? "Preview of the chosen picture" : `Picture of ${product.name}`} />
      <div>
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
          {product.picture ? "Replace the picture" : "Add a picture"}
        </label>
        <input
          id={inputId}
          type="file"
          accept={TYPES.join(",")}
          onChange={choose}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${inputId}-hint`}
          className="mt-1 block w-full max-w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
        />
        <p id={`${inputId}-hint`} className="mt-1 text-xs text-slate-500">
          PNG, JPEG or WebP, at most 1 MB.
        </p>
      </div>
      <FormError message={error} />
      <button
        type="submit"
        disabled={pending || !file}
        className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
      >
        {pending ? "Uploading…" : "Upload picture"}
      </button>
    </form>
  );
}
