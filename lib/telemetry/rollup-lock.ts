import { Prisma } from "@/lib/generated/prisma/client";
import { sqlTransaction } from "@/lib/db";

/**
 * Serializes rollup writers (one per worker) per device, with PostgreSQL transaction-scoped
 * advisory locks held while the deltas are applied.
 *
 * Why: FerretDB 1.24 applies `$inc`/`$min`/`$max` by reading the document in its own process and
 * writing it back by `_id`, without a row lock (see lib/monitoring/alert-lock.ts). Measured here:
 * four writers of 300 `$inc: {n: 1}` each on one document left n = 387 of 1,200. With two or more
 * workers, competing consumers flush deltas for the same device and bucket, so without this
 * lock the stats pages under-count. Locks are taken in ascending device order, so two flushes
 * that share devices wait for each other instead of deadlocking.
 */
const ROLLUP_LOCK_SPACE = 7_402;
// A flush stuck behind another (its store is slow) gives up and keeps its deltas for the next one.
const LOCK_WAIT = "30s";

export async function withRollupLocks<T>(deviceIds: Iterable<number>, write: () => Promise<T>): Promise<T> {
  const ids = [...new Set(deviceIds)].sort((a, b) => a - b);
  if (ids.length === 0) return write();
  return sqlTransaction(async (sql) => {
    await sql(Prisma.sql`SELECT set_config('lock_timeout', ${LOCK_WAIT}, true)`);
    // Array order is ascending and unnest keeps it (WITH ORDINALITY makes that explicit).
    await sql(Prisma.sql`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK_SPACE}::int, id) FROM unnest(${ids}::int[]) WITH ORDINALITY AS t(id, n) ORDER BY n`);
    return write();
  });
}
