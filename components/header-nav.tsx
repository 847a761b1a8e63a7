"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

/**
 * The main navigation: inline on wide screens; behind a Menu button below the md breakpoint,
 * so the header fits a phone. It closes itself after a navigation.
 */
export function HeaderNav({ items, userLabel }: { items: { href: string; label: string }[]; userLabel: string }) {
  const pathname = usePathname();
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="main-nav"
        onClick={() => setOpenAt(open ? null : pathname)}
        className="order-3 inline-flex items-center gap-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 md:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
        </svg>
        Menu
      </button>
      <nav
        id="main-nav"
        aria-label="Main"
        className={`${open ? "flex" : "hidden"} order-last w-full flex-col gap-1 border-t border-slate-200 pt-2 md:order-none md:flex md:w-auto md:flex-1 md:flex-row md:items-center md:border-0 md:pt-0`}
      >
        {items.map((item) => (
          <NavLink key={item.href} href={item.href}>
            {item.label}
          </NavLink>
        ))}
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-2 md:ml-auto md:border-0 md:pt-0">
          <span className="text-sm text-slate-600" data-testid="current-user">
            {userLabel}
          </span>
          <Link href="/account/password" className="text-sm text-slate-600 underline hover:text-slate-900">
            Password
          </Link>
          <ThemeToggle />
          <SignOutButton />
        </div>
      </nav>
    </>
  );
}
