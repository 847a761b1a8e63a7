"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, FormField, SubmitButton, TextAreaField } from "@/components/form-field";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";
import { parseSpecifications } from "@/lib/client/form-errors";
import { useFieldErrors } from "@/lib/client/use-field-errors";
import type { ProductDto } from "@/lib/products/dto";

const FIELDS = ["name", "description", "specifications"];

/** Name, description and specifications, edited once for every unit of the product. */
export function ProductForm({ product }: { product: ProductDto }) {
  const router = useRouter();
  const toast = useToast();
  const { formRef, errors, message, showInvalid, showFailure, clear } = useFieldErrors(FIELDS);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (key: string) => String(form.get(key) ?? "");
    const local: Record<string, string> = {};
    if (!get("name").trim()) local.name = "Give the product a name customers will recognise.";
    const spec = parseSpecifications(get("specifications"));
    if (!spec.ok) local.specifications = spec.error;
    if (Object.keys(local).length || !spec.ok) return showInvalid(local);
    setPending(true);
    clear();
    const result = await apiFetch<ProductDto>(`/api/products/${product.id}`, {
      method: "PATCH",
      json: { name: get("name"), description: get("description").trim() === "" ? null : get("description"), specifications: spec.value },
    });
    setPending(false);
    if (result.ok) {
      toast(`Saved ${result.data.name}.`);
      router.refresh();
      return;
    }
    showFailure(result);
  }

  const spec = Object.keys(product.specifications).length ? JSON.stringify(product.specifications, null, 2) : "";
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Product details">
      <FormError message={message} />
      <FormField label="Name" name="name" required maxLength={100} defaultValue={product.name} error={errors.name} hint="Shown on the shop's product card" />
      <TextAreaField label="Description" name="description" rows={4} maxLength={5000} defaultValue={product.description ?? ""} error={errors.description} />
      <TextAreaField
        label="Specifications (JSON)"
        name="specifications"
        rows={6}
        defaultValue={spec}
        error={errors.specifications}
        hint='A JSON object, e.g. {"battery": "CR2477", "range": "-40..85 °C"}'
        mono
      />
      <SubmitButton pending={pending}>Save changes</SubmitButton>
    </form>
  );
}
