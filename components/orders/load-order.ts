import { notFound } from "next/navigation";
import type { SessionUser } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getOrder } from "@/lib/orders/service";

/** The order named in the URL if this viewer may see it, else the 404 page (same for "not yours"). */
export async function loadOrder(user: SessionUser, rawId: string) {
  const id = /^[1-9][0-9]{0,9}$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) notFound();
  try {
    return await getOrder(user, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
