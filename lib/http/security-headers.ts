/**
 * Response hardening: proxy.ts applies it to pages (with a per-request nonce) and next.config.ts
 * declares the API's (static, so Next's router adds them without running the proxy); plus the
 * CSRF rule for cookie-authenticated writes. Pure functions of the request, so they are unit-testable.
 */

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** JSON answers load nothing and may not be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Every /api answer, declared once in next.config.ts: never stored by a cache, never sniffed. */
export const API_RESPONSE_HEADERS: Record<string, string> = {
  ...STATIC_SECURITY_HEADERS,
  "Content-Security-Policy": API_CONTENT_SECURITY_POLICY,
  "Cache-Control": "no-store",
};

/**
 * The API answers that set their own Cache-Control; every other /api answer is no-store:
 * - the OpenAPI document (no one's data; it changes with a deploy);
 * - a product picture (a versioned URL, public once the product is published, else admin-only).
 * proxy.ts leaves these alone, and next.config.ts's no-store rule skips them.
 */
export const OWN_CACHING_API_PATH = /^\/api\/(openapi\.json|products\/[0-9]+\/picture)$/;
/** The same exception as a Next.js header `source` (path-to-regexp with a negative lookahead). */
export const NO_STORE_API_SOURCE = "/api/:path((?!openapi\\.json$|products/[0-9]+/picture$).*)";
export const OPENAPI_CACHE_CONTROL = "public, max-age=300";

/**
 * Where the browser may open the Socket.IO connection: the same origin (through the gateway),
 * REALTIME_URL when configured, else the realtime port on the host the page was served from
 * (dev and test run it on its own port).
 */
export function realtimeSources(host: string | null, realtimeUrl: string, realtimePort: number): string[] {
  const sources: string[] = [];
  const add = (origin: URL) => {
    const secure = origin.protocol === "https:" || origin.protocol === "wss:";
    sources.push(`${secure ? "https" : "http"}://${origin.host}`, `${secure ? "wss" : "ws"}://${origin.host}`);
  };
  try {
    if (realtimeUrl) add(new URL(realtimeUrl));
    else if (host) add(new URL(`http://${host.replace(/:\d+$/, "")}:${realtimePort}`));
  } catch {
    /* an unparsable host: same-origin only */
  }
  return sources;
}

export function contentSecurityPolicy(nonce: string, connectSources: string[], dev: boolean): string {
  return [
    "default-src 'self'",
    // Next's own inline bootstrap scripts carry the nonce (read from the request header).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Style attributes (charts) cannot carry a nonce; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self' ${connectSources.join(" ")}`.trim(),
    "object-src 'none'",
    // The service worker (public/sw.js); 'strict-dynamic' in script-src would otherwise govern it.
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request that a browser authenticates with the session cookie must come
 * from our own pages: same-origin `Origin`, or (when a client sends no Origin)
 * `Sec-Fetch-Site: same-origin`. Bearer-token clients carry their credential explicitly, which
 * a cross-site form cannot do, so they are not affected.
 */
export function isCrossSiteWrite(req: { method: string; headers: Headers }, allowedOrigins: string[]): boolean {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return false;
  if (req.headers.get("authorization")?.toLowerCase().startsWith("bearer ")) return false;
  if (!SESSION_COOKIE.test(req.headers.get("cookie") ?? "")) return false;
  const origin = req.headers.get("origin");
  if (origin) return !allowedOrigins.includes(origin.toLowerCase());
  return req.headers.get("sec-fetch-site") !== "same-origin";
}

/** The origins this app is served under: the configured public URL and the Host the request named. */
export function allowedOrigins(host: string | null, forwardedProto: string | null, publicUrl: string): string[] {
  const origins = new Set<string>();
  try {
    origins.add(new URL(publicUrl).origin.toLowerCase());
  } catch {
    /* validated in lib/config.ts */
  }
  if (host) {
    const proto = forwardedProto?.split(",")[0]?.trim() === "https" ? "https" : "http";
    origins.add(`${proto}://${host}`.toLowerCase());
  }
  return [...origins];
}

/** A path Next can route: valid percent-encoded UTF-8 without NUL (Next would answer a bare 500). */
export function decodablePath(pathname: string): boolean {
  try {
    return !decodeURIComponent(pathname).includes("\u0000");
  } catch {
    return false;
  }
}
