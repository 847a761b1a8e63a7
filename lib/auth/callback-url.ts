import { unsafeTextReason } from "@/lib/text";

/**
 * next-auth answers 500 when a callbackUrl (query, form field or its cookie) is not a URL it
 * can parse. A usable one is a local path ("/orders", never "//host") or an absolute URL on
 * one of our own origins; anything else is refused before next-auth sees it.
 */
export function isUsableCallbackUrl(value: string, origins: string[]): boolean {
  if (value.length > 2000 || unsafeTextReason(value)) return false;
  if (value.startsWith("/")) {
    if (value.startsWith("//") || value.startsWith("/\\")) return false;
    try {
      new URL(value, "http://localhost");
      return true;
    } catch {
      return false;
    }
  }
  try {
    return origins.includes(new URL(value).origin.toLowerCase());
  } catch {
    return false;
  }
}
