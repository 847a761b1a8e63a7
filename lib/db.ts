import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** One client per process (dev hot-reload would otherwise open a pool per reload). */
export function db(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const adapter = new PrismaPg({ connectionString: config().DATABASE_URL, max: 10 });
    // Prisma's defaults (2 s to get a connection, 5 s per transaction) turn a busy machine's
    // queueing into failed requests; a transaction waiting its turn is not an error.
    globalForPrisma.prisma = new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 30_000 } });
  }
  return globalForPrisma.prisma;
}
