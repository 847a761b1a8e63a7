import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/config";
import {
  allowedOrigins,
  contentSecurityPolicy,
  decodablePath,
  isCrossSiteWrite,
  realtimeSources,
  API_CONTENT_SECURITY_POLICY,
  OWN_CACHING_API_PATH,
  STATIC_SECURITY_HEADERS,
} from "@/lib/http/security-headers";

/** Sign-in, registration and password bodies are small; a 5 MB "password" is refused unread. */
const AUTH_BODY_LIMIT = 16 * 1024;

const envelope = (status: number, code: string, message: string) =>
  NextResponse.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });

function withSecurityHeaders(response: NextResponse, csp: string, isApi: boolean, ownCaching = false): NextResponse {
  // The API's own CSP, the same next.config.ts declares, whichever of the two Next applies last.
  response.headers.set("Content-Security-Policy", isApi ? API_CONTENT_SECURITY_POLICY : csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  if (isApi && !ownCaching) response.headers.set("Cache-Control", "no-store");
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
  const ownCaching = request.method === "GET" && OWN_CACHING_API_PATH.test(request.nextUrl.pathname);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, isApi, ownCaching);
}

/**
 * Every page and every request a browser's cookie could authenticate. A call that carries an
 * Authorization header (API tokens, device tokens: programs, not a cross-site form, which cannot
 * set one) skips the proxy on /api, except next-auth's own routes (the body cap): it has no CSRF
 * to check and its headers come from next.config.ts; only a percent-encoded path still goes
 * through, for the decoding check. Measured:
 * the proxy costs about as much CPU as the rest of a small API request (bench/devices-list.ts).
 */
export const config = {
  matcher: [
    { source: "/((?!_next/static|_next/image|favicon.ico).*)", missing: [{ type: "header", key: "authorization" }] },
    { source: "/((?!_next/static|_next/image|favicon.ico|api/(?!auth/)).*)", has: [{ type: "header", key: "authorization" }] },
    // A percent-encoded path may not decode, and Next answers that with a bare 500 before any route runs.
    { source: "/api/:rest(.*%.*)", has: [{ type: "header", key: "authorization" }] },
  ],
};
