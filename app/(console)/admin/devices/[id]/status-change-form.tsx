"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, SubmitButton, TextAreaField } from "@/components/form-field";
import { statusLabel } from "@/components/status-badge";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";

const WHY_NOT: Record<string, string> = {
  reserved: "A reserved unit belongs to an open order; cancel or ship the order to move it.",
};

/** Offers only the states the manual lifecycle allows from here; a reason is required. */
export function StatusChangeForm({ id, status, nextStates }: { id: number; status: string; nextStates: string[] }) {
  const router = useRouter();
  const toast = useToast();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  if (nextStates.length === 0) {
    return <p className="text-sm text-slate-600">{WHY_NOT[status] ?? `No manual status change is possible from ${statusLabel(status)}.`}</p>;
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const to = String(form.get("status") ?? "");
    const reason = String(form.get("reason") ?? "");
    setMessage(null);
    if (reason.trim().length < 3) {
      setErrors({ reason: "Say why the status changes (at least 3 characters)." });
      return;
    }
    setPending(true);
    setErrors({});
    const result = await apiFetch(`/api/devices/${id}/status`, { method: "PUT", json: { status: to, reason } });
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setMessage(result.message);
      // The unit moved meanwhile: show its current status and the moves allowed from there.
      if (result.status === 409) router.refresh();
      return;
    }
    formElement.reset();
    toast(`Status changed to ${statusLabel(to)}.`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <FormError message={message} />
      <div>
        <label htmlFor={`status-${id}`} className="block text-sm font-medium text-slate-700">
          New status
        </label>
        <select
          id={`status-${id}`}
          name="status"
          aria-invalid={errors.status ? true : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-slate-500"
        >
          {nextStates.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <TextAreaField label="Reason" name="reason" rows={2} required maxLength={500} error={errors.reason} hint="Recorded in the history" />
      <SubmitButton pending={pending}>Change status</SubmitButton>
    </form>
  );
}
