"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, FormField, SubmitButton, TextAreaField } from "@/components/form-field";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";
import { parseSpecifications } from "@/lib/client/form-errors";
import { useFieldErrors } from "@/lib/client/use-field-errors";
import type { DeviceDto } from "@/lib/inventory/dto";

const FIELDS = ["serialNumber", "name", "type", "model", "price", "description", "specifications"];

/** Create (no `device`) or edit a unit; the API's 422 field messages appear beside each input. */
export function DeviceForm({ device }: { device?: DeviceDto }) {
  const router = useRouter();
  const toast = useToast();
  const { formRef, errors, message, showInvalid, showFailure, clear } = useFieldErrors(FIELDS);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (key: string) => String(form.get(key) ?? "");
    const specifications = parseSpecifications(get("specifications"));
    if (!specifications.ok) return showInvalid({ specifications: specifications.error });
    const body = {
      serialNumber: get("serialNumber"),
      name: get("name"),
      type: get("type"),
      model: get("model"),
      price: get("price"),
      description: get("description").trim() === "" ? null : get("description"),
      specifications: specifications.value,
    };
    setPending(true);
    clear();
    const result = await apiFetch<DeviceDto>(device ? `/api/devices/${device.id}` : "/api/devices", {
      method: device ? "PUT" : "POST",
      json: body,
    });
    setPending(false);
    if (result.ok) {
      toast(device ? `Saved ${result.data.serialNumber}.` : `Added ${result.data.serialNumber} to the inventory.`);
      router.push(`/admin/devices/${result.data.id}`);
      router.refresh();
      return;
    }
    const target = (result.details as { target?: unknown } | undefined)?.target;
    // The serial number is the unit's only unique field, so "already exists" means the serial.
    const conflict = result.status === 409 && (String(target ?? "").includes("serial") || /already exists/i.test(result.message));
    showFailure(result, conflict ? { serialNumber: "This serial number is already used by another unit." } : {});
  }

  const spec = device && device.specifications && Object.keys(device.specifications).length ? JSON.stringify(device.specifications, null, 2) : "";
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4">
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Serial number" name="serialNumber" required defaultValue={device?.serialNumber} error={errors.serialNumber} autoFocus={!device} maxLength={64} />
        <FormField label="Name" name="name" required defaultValue={device?.name} error={errors.name} />
        <FormField label="Type" name="type" required defaultValue={device?.type} error={errors.type} hint="e.g. sensor, gateway, tracker" />
        <FormField label="Model" name="model" required defaultValue={device?.model} error={errors.model} />
        <FormField label="Price" name="price" required inputMode="decimal" defaultValue={device?.price} error={errors.price} hint="In the store currency, e.g. 49.90" />
      </div>
      <TextAreaField label="Description" name="description" rows={3} defaultValue={device?.description ?? ""} error={errors.description} />
      <TextAreaField
        label="Specifications (JSON)"
        name="specifications"
        rows={5}
        defaultValue={spec}
        error={errors.specifications}
        hint='A JSON object, e.g. {"battery": "CR2477", "range": "-40..85 °C"}'
        mono
      />
      <div className="flex gap-3">
        <SubmitButton pending={pending}>{device ? "Save changes" : "Add device"}</SubmitButton>
        <button type="button" onClick={() => router.back()} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100">
          Cancel
        </button>
      </div>
    </form>
  );
}
