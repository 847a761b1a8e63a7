"use client";

import { signOut } from "next-auth/react";
import { clearOfflineData } from "./service-worker";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={async () => {
        await clearOfflineData().catch(() => undefined);
        await signOut({ callbackUrl: "/login" });
      }}
      className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
    >
      Sign out
    </button>
  );
}
