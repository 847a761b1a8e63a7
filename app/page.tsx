import { redirect } from "next/navigation";
import { getPageUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  const user = await getPageUser();
  if (!user) redirect("/login");
  redirect(user.role === "ADMIN" ? "/admin/devices" : "/shop");
}
