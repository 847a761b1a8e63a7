import { loadOrder } from "@/components/orders/load-order";
import { requirePageUser } from "@/lib/auth/session";

/** An unknown (or someone else's) order answers HTTP 404 before the loading skeleton streams. */
export default async function OrderLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const user = await requirePageUser("order:read");
  await loadOrder(user, (await params).id);
  return children;
}
