/**
 * Applies prisma/migrations/* in order, without Prisma's schema-engine binary (which cannot be
 * downloaded here; see BUILD-NOTES.md). Bookkeeping goes into Prisma's own `_prisma_migrations`
 * table with the same checksum (sha256 of migration.sql), so `prisma migrate deploy` agrees
 * with this runner wherever the real engine is available.
 *
 *   npm run db:migrate              create the database if needed and apply what is pending
 *   npm run db:migrate -- --reset   drop everything first (tests, demo reset)
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { configOrExit } from "@/lib/config";
import { logger, setProcessLogger } from "@/lib/logger";

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      logger().info({ database: name }, "created database");
    }
  } catch (error) {
    // Two runners racing to create the same database: the loser's error is harmless.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

export async function migrate(url: string, { reset = false, quiet = false } = {}): Promise<string[]> {
  await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    // One runner at a time, whoever starts first (web, worker, CI in parallel).
    await client.query("SELECT pg_advisory_lock(7224410)");
    if (reset) {
      await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    }
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const doneByName = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
    const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    for (const name of names) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const previous = doneByName.get(name);
      if (previous) {
        if (previous !== checksum) {
          throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead`);
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
      if (!quiet) logger().info({ migration: name }, "applied migration");
    }
    if (!quiet && applied.length === 0) logger().info("database is up to date");
  } finally {
    await client.query("SELECT pg_advisory_unlock(7224410)").catch(() => {});
    await client.end();
  }
  return applied;
}

// Also true for the compiled dist/scripts/migrate.js (scripts/build-workers.mjs).
const isMain = process.argv[1] && /scripts[\\/]migrate\.[cm]?[jt]s$/.test(path.resolve(process.argv[1]));
if (isMain) {
  setProcessLogger("migrate");
  const { DATABASE_URL } = configOrExit();
  migrate(DATABASE_URL, { reset: process.argv.includes("--reset") }).catch((error) => {
    logger().error({ err: error }, "migration failed");
    process.exit(1);
  });
}
