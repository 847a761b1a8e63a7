import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Separate build folders let the test run and a developer's server coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Server-only packages with native or dynamic requires stay outside the bundle.
  serverExternalPackages: ["amqplib", "mongodb", "pg", "@prisma/adapter-pg", "@node-rs/bcrypt", "pino", "prom-client", "mqtt"],
  typedRoutes: false,
};

export default nextConfig;
