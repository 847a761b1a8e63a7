import { decodeJwt } from "jose";
import { getToken } from "next-auth/jwt";
import { userFromHandshake } from "@/lib/auth/handshake";
import type { SessionUser } from "@/lib/auth/permissions";
import { config } from "@/lib/config";

/** What a socket authenticated with, kept so that it can be checked again later. */
export interface Credentials {
  token?: unknown;
  cookieHeader?: string;
}

/** The user behind the credentials, by the same rule as every API request (lib/auth). */
export const authenticate = (credentials: Credentials): Promise<SessionUser | null> => userFromHandshake(credentials);

/**
 * When already-verified credentials stop being valid (epoch ms), or null when they carry no
 * expiry. Only called after `authenticate` accepted them, so decoding without verifying is safe.
 */
export async function credentialsExpireAt(credentials: Credentials): Promise<number | null> {
  if (typeof credentials.token === "string" && credentials.token) {
    try {
      const { exp } = decodeJwt(credentials.token);
      return typeof exp === "number" ? exp * 1000 : null;
    } catch {
      return null;
    }
  }
  const cookies = parseCookies(credentials.cookieHeader);
  for (const secureCookie of [true, false]) {
    const jwt = await getToken({ req: { cookies, headers: {} } as never, secureCookie, secret: config().AUTH_SECRET }).catch(() => null);
    if (jwt && typeof jwt.exp === "number") return jwt.exp * 1000;
  }
  return null;
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? "").split(";")) {
    const index = pair.indexOf("=");
    if (index <= 0) continue;
    try {
      cookies[pair.slice(0, index).trim()] = decodeURIComponent(pair.slice(index + 1).trim());
    } catch {
      /* a malformed cookie is not ours */
    }
  }
  return cookies;
}
