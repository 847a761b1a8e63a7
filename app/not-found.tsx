import type { Metadata } from "next";
import { NavShell } from "@/components/nav-shell";
import { NotFoundContent } from "@/components/not-found-content";
import { getPageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Page not found" };

/** An unknown URL: signed-in people get it inside the console shell, others a way to sign in. */
export default async function NotFound() {
  const user = await getPageUser();
  if (!user) {
    return (
      <main id="main" className="px-4 py-16">
        <NotFoundContent home={{ href: "/login", label: "Sign in" }} />
      </main>
    );
  }
  return (
    <NavShell user={user}>
      <NotFoundContent home={user.role === "ADMIN" ? { href: "/admin/devices", label: "Back to the inventory" } : { href: "/shop", label: "Back to the shop" }} />
    </NavShell>
  );
}
