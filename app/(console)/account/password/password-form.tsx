"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { FormError, FormField, SubmitButton } from "@/components/form-field";
import { apiFetch } from "@/lib/client/api";

export function PasswordForm() {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
    };
    if (input.newPassword !== String(form.get("confirmPassword") ?? "")) {
      setFieldErrors({ confirmPassword: "does not match the new password" });
      return;
    }
    setPending(true);
    setError(null);
    setFieldErrors({});
    const result = await apiFetch("/api/auth/password", { method: "PUT", json: input });
    if (!result.ok) {
      setPending(false);
      setFieldErrors(result.fieldErrors);
      setError(result.message);
      return;
    }
    setDone(true);
    // The old session was revoked with the password; clear the cookie and sign in again.
    await signOut({ callbackUrl: "/login" });
  }

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
      <FormError message={error} />
      {done ? (
        <p role="status" className="text-sm text-green-700">
          Password changed. Signing you out…
        </p>
      ) : null}
      <FormField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={fieldErrors.currentPassword} />
      <FormField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters"
        error={fieldErrors.newPassword}
      />
      <FormField label="Repeat new password" name="confirmPassword" type="password" autoComplete="new-password" required error={fieldErrors.confirmPassword} />
      <SubmitButton pending={pending}>Change password</SubmitButton>
    </form>
  );
}
