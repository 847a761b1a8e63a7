import type { NextConfig } from "next";
import { API_RESPONSE_HEADERS, CACHEABLE_API_CACHE_CONTROL, CACHEABLE_API_PATHS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Separate build folders let the test run and a developer's server coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Server-only packages with native or dynamic requires stay outside the bundle.
  serverExternalPackages: ["amqplib", "mongodb", "pg", "@prisma/adapter-pg", "@node-rs/bcrypt", "pino", "prom-client", "mqtt", "web-push"],
  typedRoutes: false,
  // API answers get their headers from the router, including a 404 for an unknown path and the
  // bearer-token calls that skip proxy.ts (see its matcher).
  // A later rule's header replaces an earlier one's: the public API document may be cached.
  headers: async () => [
    { source: "/api/:path*", headers: Object.entries(API_RESPONSE_HEADERS).map(([key, value]) => ({ key, value })) },
    ...CACHEABLE_API_PATHS.map((source) => ({ source, headers: [{ key: "Cache-Control", value: CACHEABLE_API_CACHE_CONTROL }] })),
  ],
};

export default nextConfig;
