"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, FormField, SubmitButton } from "@/components/form-field";
import { apiFetch } from "@/lib/client/api";

export function RegisterForm() {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const router = useRouter();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setPending(true);
    setError(null);
    setFieldErrors({});
    const result = await apiFetch("/api/auth/register", { method: "POST", json: input });
    if (!result.ok) {
      setPending(false);
      setFieldErrors(result.fieldErrors);
      setError(result.message);
      return;
    }
    await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
      <FormError message={error} />
      <FormField label="Name" name="name" autoComplete="name" required error={fieldErrors.name} autoFocus />
      <FormField label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters"
        error={fieldErrors.password}
      />
      <SubmitButton pending={pending}>Create account</SubmitButton>
      <p className="text-sm text-slate-600">
        Already registered?{" "}
        <Link href="/login" className="font-medium text-slate-900 underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
