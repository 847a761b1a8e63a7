import Link from "next/link";
import type { SessionUser } from "@/lib/auth/permissions";
import { CartLink } from "./cart-link";
import { HeaderNav } from "./header-nav";
import { Logo } from "./logo";
import { ToastProvider } from "./ui/toast";

/** The navigation every signed-in page sits in; each area adds its entry here. */
const NAV: Record<SessionUser["role"], { href: string; label: string }[]> = {
  ADMIN: [
    { href: "/admin/devices", label: "Inventory" },
    { href: "/admin/products", label: "Products" },
    { href: "/admin/orders", label: "Orders" },
    { href: "/admin/deliveries", label: "Deliveries" },
    { href: "/monitoring", label: "Monitoring" },
    { href: "/admin/analytics", label: "Analytics" },
    { href: "/reports", label: "Reports" },
  ],
  CUSTOMER: [
    { href: "/shop", label: "Shop" },
    { href: "/orders", label: "My orders" },
    { href: "/monitoring", label: "My devices" },
    { href: "/reports", label: "Reports" },
  ],
};

export function NavShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  return (
    <ToastProvider>
      <div className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-slate-900 focus:shadow"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-3 xl:flex-nowrap xl:gap-6">
            <Link href="/" aria-label="Device Store home" className="mr-auto xl:mr-0">
              <Logo />
            </Link>
            {user.role === "CUSTOMER" ? (
              <div className="order-2 xl:order-last">
                <CartLink />
              </div>
            ) : null}
            <HeaderNav items={NAV[user.role]} userLabel={`${user.name} · ${user.role === "ADMIN" ? "Admin" : "Customer"}`} />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
          {children}
        </main>
      </div>
    </ToastProvider>
  );
}
