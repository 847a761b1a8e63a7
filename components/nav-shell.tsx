import Link from "next/link";
import type { SessionUser } from "@/lib/auth/permissions";
import { SignOutButton } from "./sign-out-button";
import { NavLink } from "./nav-link";

/** The navigation every signed-in page sits in; each area adds its entry here. */
const NAV: Record<SessionUser["role"], { href: string; label: string }[]> = {
  ADMIN: [
    { href: "/admin/devices", label: "Inventory" },
    { href: "/admin/orders", label: "Orders" },
    { href: "/admin/deliveries", label: "Deliveries" },
    { href: "/monitoring", label: "Monitoring" },
  ],
  CUSTOMER: [
    { href: "/shop", label: "Shop" },
    { href: "/orders", label: "My orders" },
    { href: "/monitoring", label: "My devices" },
  ],
};

export function NavShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
          <Link href="/" className="font-semibold text-slate-900">
            Device Store
          </Link>
          <nav aria-label="Main" className="flex flex-1 gap-1">
            {NAV[user.role].map((item) => (
              <NavLink key={item.href} href={item.href}>
                {item.label}
              </NavLink>
            ))}
          </nav>
          <span className="text-sm text-slate-600" data-testid="current-user">
            {user.name} · {user.role === "ADMIN" ? "Admin" : "Customer"}
          </span>
          <Link href="/account/password" className="text-sm text-slate-600 underline hover:text-slate-900">
            Password
          </Link>
          <SignOutButton />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
