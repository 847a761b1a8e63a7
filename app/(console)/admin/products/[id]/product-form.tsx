"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { FormError, FormField, SubmitButton, TextAreaField } from "@/components/form-field";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";
import type { ProductDto } from "@/lib/products/dto";

const FIELDS = ["name", "description", "specifications"];

/** Name, description and specifications, edited once for every unit of the product. */
export function ProductForm({ product }: { product: ProductDto }) {
  const router = useRouter();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  // Keyboard users land on the first field that needs fixing.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [errors]);

  function fail(fieldErrors: Record<string, string>, text: string | null) {
    setErrors(fieldErrors);
    setMessage(text);
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (key: string) => String(form.get(key) ?? "");
    const local: Record<string, string> = {};
    if (!get("name").trim()) local.name = "Give the product a name customers will recognise.";
    const specText = get("specifications").trim();
    let specifications: unknown = {};
    if (specText) {
      try {
        specifications = JSON.parse(specText);
      } catch {
        specifications = undefined;
      }
      if (!specifications || typeof specifications !== "object" || Array.isArray(specifications)) {
        local.specifications = 'must be a JSON object of name and value pairs, e.g. {"battery": "CR2477"}';
      }
    }
    if (Object.keys(local).length) return fail(local, "Please correct the highlighted fields.");
    setPending(true);
    fail({}, null);
    const result = await apiFetch<ProductDto>(`/api/products/${product.id}`, {
      method: "PATCH",
      json: { name: get("name"), description: get("description").trim() === "" ? null : get("description"), specifications },
    });
    setPending(false);
    if (result.ok) {
      toast(`Saved ${result.data.name}.`);
      router.refresh();
      return;
    }
    const unplaced = Object.keys(result.fieldErrors).some((f) => !FIELDS.includes(f.split(".")[0]));
    const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([f, m]) => [f.split(".")[0], m]));
    fail(fieldErrors, Object.keys(fieldErrors).length && !unplaced ? "Please correct the highlighted fields." : result.message);
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
