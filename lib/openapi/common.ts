import { z } from "zod";

/** Record ids in paths: positive integers; anything else is answered 404 (lib/http/request.ts parseId). */
export const idParam = (what: string) => z.coerce.number().int().positive().max(2_147_483_647).meta({ description: `${what} id` });

/** MongoDB alert ids: 24 hex digits. */
export const alertIdParam = z.string().regex(/^[0-9a-f]{24}$/).meta({ description: "Alert id" });

/** Error statuses most routes share (the error envelope, lib/errors.ts). */
export const SIGNED_IN = [401] as const;
export const ADMIN_ONLY = [401, 403] as const;
/** Reading a JSON body: not JSON (400), too large (413), not application/json (415), invalid (422). */
export const JSON_BODY = [400, 413, 415, 422] as const;

export const errors = (...groups: readonly (number | readonly number[])[]) =>
  [...new Set(groups.flatMap((g) => (typeof g === "number" ? [g] : [...g])))].sort((a, b) => a - b);
