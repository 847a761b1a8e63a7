import { notFound } from "next/navigation";
import { cache } from "react";
import type { SessionUser } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getProductForAdmin } from "@/lib/products/service";

/** The product named in the URL, or the 404 page; cached per request (layout, metadata, page). */
export const loadProduct = cache(async (user: SessionUser, rawId: string) => {
  const id = /^[1-9][0-9]{0,9}$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) notFound();
  try {
    return await getProductForAdmin(user, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});
