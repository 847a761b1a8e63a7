import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { authOptions } from "./next-auth";
import { requirePermission, toRole, type Action, type SessionUser } from "./permissions";
import { verifyApiToken } from "./users";

// Once per server render: the console layout and the page both ask.
const sessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const u = session?.user;
  // The jwt callback already checked the token version against the user row.
  if (!u || typeof u.id !== "number") return null;
  return { id: u.id, email: u.email ?? "", name: u.name ?? "", role: toRole(u.role) };
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
