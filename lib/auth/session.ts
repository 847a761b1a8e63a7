import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { userForToken } from "./current-user";
import { decodeSessionCookie } from "./next-auth";
import { requirePermission, type Action, type SessionUser } from "./permissions";
import { verifyApiToken } from "./users";

/**
 * The signed-in user of this request, once per server render (the console layout and the page
 * both ask). The session cookie only names the user and the token version it was issued under;
 * who they are and their role come from the user row, which also revokes a signed-out session.
 * This reads the cookie directly rather than through getServerSession, which also re-encrypts a
 * refreshed cookie on every call: in the App Router that cookie is never sent (a server component
 * or a getServerSession call without `res` cannot set one), so the work was thrown away. A
 * session lasts its maxAge from sign-in either way.
 */
const sessionUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  const token = await getToken({
    req: { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} } as never,
    secret: config().AUTH_SECRET,
    decode: decodeSessionCookie,
  });
  if (!token) return null;
  return userForToken(token.uid, token.tv);
});

/** The caller of an API route: a bearer API token, else the browser session. */
export async function getRequestUser(req: Request): Promise<SessionUser | null> {
  const header = req.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) {
    return verifyApiToken(header.slice(7).trim());
  }
  return sessionUser();
}

/** 401 for anonymous callers; with `action`, 403 unless the role has it. */
export async function requireUser(req: Request, action?: Action): Promise<SessionUser> {
  const user = await getRequestUser(req);
  if (!user) throw new AppError("unauthorized", "Sign in or send a bearer token");
  if (action) requirePermission(user, action);
  return user;
}

/** For server components: the signed-in user, or a redirect to the sign-in page (or home). */
export async function requirePageUser(action?: Action): Promise<SessionUser> {
  const user = await sessionUser();
  if (!user) redirect("/login");
  if (action) {
    try {
      requirePermission(user, action);
    } catch {
      redirect("/");
    }
  }
  return user;
}

export const getPageUser = sessionUser;
