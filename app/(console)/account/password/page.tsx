import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  await requirePageUser();
  return (
    <section className="max-w-sm">
      <h1 className="mb-2 text-xl font-semibold">Change password</h1>
      <p className="mb-4 text-sm text-slate-600">
        Changing your password signs you out everywhere, including API tokens; sign in again with the new one.
      </p>
      <PasswordForm />
    </section>
  );
}
