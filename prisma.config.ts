import { defineConfig } from "prisma/config";

// Used by the Prisma CLI only (generate, and migrate deploy where the schema engine exists).
// The app connects through lib/db.ts with the pg driver adapter.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/seed.ts" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/device_store",
  },
});
