import { z } from "zod";
import { textSchema } from "@/lib/text";

/**
 * Whether the server may POST to this endpoint: https on an allowed push service, the host itself
 * or a subdomain of one listed. Anything else would let a signed-in user make the worker call
 * any URL (an internal service, the cloud's metadata address).
 */
export function endpointAllowed(endpoint: string, allowedHosts: string[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return allowedHosts.some((h) => host === h || host.endsWith(`.${h}`));
}

export const parseAllowedHosts = (value: string) =>
  value
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);

const base64url = (min: number, max: number) =>
  textSchema()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+=*$/, "must be base64url");

/** A browser's PushSubscription.toJSON(), as the alerts page sends it. */
export const pushSubscriptionSchema = (allowedHosts: string[]) =>
  z.object({
    endpoint: textSchema()
      .max(2048)
      .refine((e) => endpointAllowed(e, allowedHosts), "must be the URL of a known push service"),
    // Keys are checked for size here; the P-256 point itself is checked by the encryption on first send.
    keys: z.strictObject({ p256dh: base64url(80, 100), auth: base64url(16, 32) }),
    expirationTime: z.number().nullable().optional(),
  });
export type PushSubscriptionInput = z.infer<ReturnType<typeof pushSubscriptionSchema>>;

export const unsubscribeSchema = z.strictObject({ endpoint: textSchema().min(1).max(2048) });
