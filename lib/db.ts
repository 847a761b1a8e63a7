import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";
import { logger } from "@/lib/logger";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; pgPool?: pg.Pool };

/** The process's PostgreSQL connections, shared by Prisma and the plain-SQL hot paths. */
function pgPool(): pg.Pool {
  if (!globalForPrisma.pgPool) {
    // allowExitOnIdle: scripts end when their work does, as they did with Prisma's own pool.
    const pool = new pg.Pool({ connectionString: config().DATABASE_URL, max: 10, allowExitOnIdle: true });
    // An idle connection that PostgreSQL drops (a restart) is an event to note, not a crash:
    // the pool replaces it on the next request.
    pool.on("error", (error) => logger().warn({ err: error }, "idle PostgreSQL connection lost"));
    globalForPrisma.pgPool = pool;
  }
  return globalForPrisma.pgPool;
}

/** One client per process (dev hot-reload would otherwise open a pool per reload). */
export function db(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const adapter = new PrismaPg(pgPool());
    // Prisma's defaults (2 s to get a connection, 5 s per transaction) turn a busy machine's
    // queueing into failed requests; a transaction waiting its turn is not an error.
    globalForPrisma.prisma = new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 30_000 } });
  }
  return globalForPrisma.prisma;
}

/** Runs one statement (a `Prisma.sql` value) inside a sqlTransaction and returns its rows. */
export type SqlTx = <Row>(statement: Prisma.Sql) => Promise<Row[]>;

/**
 * A transaction on a plain pg client from the same pool, for the hottest write path (placing an
 * order): Prisma spends about 1 ms of CPU on each raw statement of an interactive transaction,
 * more than PostgreSQL spends running it (measured in-process: 5.7 ms of CPU per order).
 * Statements are still `Prisma.sql` values, so parameters stay parameters.
 */
export async function sqlTransaction<T>(work: (sql: SqlTx) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await work(async <Row>(statement: Prisma.Sql) => (await client.query(statement.text, statement.values)).rows as Row[]);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A client whose ROLLBACK fails is not handed to the next caller.
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}
