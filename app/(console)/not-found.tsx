import type { Metadata } from "next";
import { NotFoundContent } from "@/components/not-found-content";
import { getPageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Page not found" };

/** notFound() in any console page lands here, inside the console layout (nav included). */
export default async function ConsoleNotFound() {
  const user = await getPageUser();
  return <NotFoundContent home={user?.role === "ADMIN" ? { href: "/admin/devices", label: "Back to the inventory" } : { href: "/shop", label: "Back to the shop" }} />;
}
