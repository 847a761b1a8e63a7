import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/config";
import {
  allowedOrigins,
  contentSecurityPolicy,
  isCrossSiteWrite,
  realtimeSources,
  STATIC_SECURITY_HEADERS,
} from "@/lib/http/security-headers";

/** Sign-in, registration and password bodies are small; a 5 MB "password" is refused unread. */
const AUTH_BODY_LIMIT = 16 * 1024;

const envelope = (status: number, code: string, message: string) =>
  NextResponse.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });

function decodablePath(pathname: string): boolean {
  try {
    return !decodeURIComponent(pathname).includes("\u0000");
  } catch {
    return false;
  }
}

function withSecurityHeaders(response: NextResponse, csp: string, isApi: boolean): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  if (isApi) response.headers.set("Cache-Control", "no-store");
  return response;
}

/**
 * Every request: a fresh CSP nonce (Next reads it from the request's CSP header and puts it on
 * its inline scripts), security headers on the response, CSRF refusal for cookie-authenticated
 * cross-site writes, and a body cap on /api/auth/*.
 */
export function proxy(request: NextRequest) {
  const cfg = appConfig();
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const host = request.headers.get("host");
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, realtimeSources(host, cfg.REALTIME_URL, cfg.REALTIME_PORT), cfg.NODE_ENV === "development");

  // Next would answer a path that is not valid percent-encoded UTF-8 with a bare 500.
  if (!decodablePath(request.nextUrl.pathname)) {
    const response = isApi
      ? envelope(400, "bad_request", "The path is not valid percent-encoded UTF-8")
      : new NextResponse("Bad request: the path is not valid percent-encoded UTF-8", { status: 400, headers: { "content-type": "text/plain" } });
    return withSecurityHeaders(response, csp, isApi);
  }
  if (isApi && isCrossSiteWrite(request, allowedOrigins(host, request.headers.get("x-forwarded-proto"), cfg.NEXTAUTH_URL))) {
    return withSecurityHeaders(envelope(403, "forbidden", "Cross-site request refused: send it from this site's own pages"), csp, true);
  }
  if (request.nextUrl.pathname.startsWith("/api/auth/") && !["GET", "HEAD"].includes(request.method)) {
    const length = Number(request.headers.get("content-length") ?? NaN);
    if (Number.isNaN(length) && request.headers.get("transfer-encoding")) {
      return withSecurityHeaders(envelope(400, "bad_request", "Send a Content-Length with sign-in requests"), csp, true);
    }
    if (length > AUTH_BODY_LIMIT) {
      return withSecurityHeaders(envelope(413, "payload_too_large", `Request body exceeds ${AUTH_BODY_LIMIT / 1024} kB`), csp, true);
    }
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, isApi);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
