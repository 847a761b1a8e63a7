import { requirePageUser } from "@/lib/auth/session";
import { loadProduct } from "./load-product";

/** An unknown product answers HTTP 404 before the loading skeleton streams. */
export default async function ProductLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const user = await requirePageUser("product:write");
  await loadProduct(user, (await params).id);
  return children;
}
