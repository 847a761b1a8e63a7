import { NavShell } from "@/components/nav-shell";
import { requirePageUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return <NavShell user={user}>{children}</NavShell>;
}
