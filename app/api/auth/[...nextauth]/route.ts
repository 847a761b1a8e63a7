import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { isUsableCallbackUrl } from "@/lib/auth/callback-url";
import { authOptions } from "@/lib/auth/next-auth";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/api-route";
import { allowedOrigins } from "@/lib/http/security-headers";

const CALLBACK_COOKIES = ["__Secure-next-auth.callback-url", "next-auth.callback-url"];

/**
 * next-auth's own endpoints, behind a check of the callbackUrl it would otherwise try to parse
 * (and answer 500 on): a bad one in the query, form or its cookie is a 400 (the cookie is cleared).
 */
async function handler(req: NextRequest, ctx: unknown) {
  const origins = allowedOrigins(req.headers.get("host"), req.headers.get("x-forwarded-proto"), config().NEXTAUTH_URL);
  const bad = (value: unknown) => typeof value === "string" && !isUsableCallbackUrl(value, origins);
  const url = new URL(req.url);
  let form: FormData | undefined;
  if (req.method === "POST" && req.headers.get("content-type")?.includes("application/x-www-form-urlencoded")) {
    form = await req.clone().formData().catch(() => undefined);
  }
  if (url.searchParams.getAll("callbackUrl").some(bad) || (form && form.getAll("callbackUrl").some(bad))) {
    return errorResponse(new AppError("bad_request", "callbackUrl must be a path on this site"));
  }
  const badCookie = (req.headers.get("cookie") ?? "").split(";").some((pair) => {
    const [name, ...rest] = pair.trim().split("=");
    if (!CALLBACK_COOKIES.includes(name)) return false;
    try {
      return bad(decodeURIComponent(rest.join("=")));
    } catch {
      return true;
    }
  });
  if (badCookie) {
    const response = errorResponse(new AppError("bad_request", "The stored callbackUrl was not a path on this site; it has been cleared, try again"));
    for (const name of CALLBACK_COOKIES) response.cookies.set(name, "", { path: "/", maxAge: 0 });
    return response;
  }
  return NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
