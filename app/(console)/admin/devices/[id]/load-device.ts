import { notFound } from "next/navigation";
import { cache } from "react";
import type { SessionUser } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getDevice } from "@/lib/inventory/service";

/**
 * The device named in the URL, or the 404 page for a bad or unknown id. Cached per request:
 * the segment layout checks it (before any loading skeleton streams, so a 404 stays a 404)
 * and the page reads it again for free.
 */
export const loadDevice = cache(async (user: SessionUser, rawId: string) => {
  const id = /^[1-9][0-9]{0,9}$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) notFound();
  try {
    return await getDevice(user, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});
