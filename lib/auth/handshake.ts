import { decode } from "next-auth/jwt";
import { config } from "@/lib/config";
import { userForToken } from "./current-user";
import type { SessionUser } from "./permissions";
import { verifyApiToken } from "./users";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  // next-auth splits large tokens into name.0, name.1, …; join them back in order.
  const parts = new Map<string, string>();
  for (const pair of header.split(";")) {
    const index = pair.indexOf("=");
    if (index < 0) continue;
    const key = pair.slice(0, index).trim();
    if (key === name || key.startsWith(`${name}.`)) parts.set(key, decodeURIComponent(pair.slice(index + 1).trim()));
  }
  if (parts.has(name)) return parts.get(name);
  const chunks = [...parts.keys()].sort((a, b) => Number(a.split(".").pop()) - Number(b.split(".").pop()));
  return chunks.length ? chunks.map((k) => parts.get(k)).join("") : undefined;
}

/**
 * The user behind a connection that is not a Next.js request (the Socket.IO handshake):
 * an API bearer token, else the browser's next-auth session cookie — each checked against the
 * user row (token version, role), exactly like API requests.
 */
export async function userFromHandshake(input: { token?: unknown; cookieHeader?: string }): Promise<SessionUser | null> {
  if (typeof input.token === "string" && input.token) return verifyApiToken(input.token);
  for (const name of SESSION_COOKIES) {
    const token = readCookie(input.cookieHeader, name);
    if (!token) continue;
    const jwt = await decode({ token, secret: config().AUTH_SECRET }).catch(() => null);
    // Same rule as every other request: the user row decides (revoked, deleted, role).
    if (jwt) return userForToken(jwt.uid, jwt.tv);
  }
  return null;
}
