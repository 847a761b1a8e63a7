import type { NextConfig } from "next";
import { API_RESPONSE_HEADERS, NO_STORE_API_SOURCE } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Separate build folders let the test run and a developer's server coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Server-only packages with native or dynamic requires stay outside the bundle.
  serverExternalPackages: ["amqplib", "mongodb", "pg", "@prisma/adapter-pg", "@node-rs/bcrypt", "pino", "prom-client", "mqtt", "web-push"],
  typedRoutes: false,
  // API answers get their headers from the router, including a 404 for an unknown path and the
  // bearer-token calls that skip proxy.ts (see its matcher).
  // Every /api answer is no-store except those that set their own caching (OWN_CACHING_API_PATH).
  headers: async () => [
    { source: "/api/:path*", headers: Object.entries(API_RESPONSE_HEADERS).filter(([key]) => key !== "Cache-Control").map(([key, value]) => ({ key, value })) },
    { source: NO_STORE_API_SOURCE, headers: [{ key: "Cache-Control", value: API_RESPONSE_HEADERS["Cache-Control"] }] },
  ],
};

export default nextConfig;
