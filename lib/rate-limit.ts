import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";

/**
 * Counters in PostgreSQL (rate-limiter-flexible), so limits hold across any number of web
 * instances and each consume is one atomic upsert. Rows expired for an hour are deleted by
 * the library every five minutes.
 */
const TABLE = "t_rate_limits";

const globalStore = globalThis as unknown as { rateLimitPool?: pg.Pool; limiters?: Map<string, RateLimiterPostgres> };

function pool(): pg.Pool {
  globalStore.rateLimitPool ??= new pg.Pool({ connectionString: config().DATABASE_URL, max: 3 });
  return globalStore.rateLimitPool;
}

/** One limiter per name (its key prefix): `points` per `durationSec`. */
export function limiter(name: string, points: number, durationSec: number): RateLimiterPostgres {
  globalStore.limiters ??= new Map();
  const id = `${name}:${points}:${durationSec}`;
  let found = globalStore.limiters.get(id);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: pool(),
      storeType: "pool",
      tableName: TABLE,
      tableCreated: true,
      keyPrefix: name,
      points,
      duration: durationSec,
    });
    globalStore.limiters.set(id, found);
  }
  return found;
}

export const isLimited = (error: unknown): error is RateLimiterRes => error instanceof RateLimiterRes;

/** 429 whose Retry-After (lib/http/api-route.ts) is the limiter's real wait. */
export function rateLimited(message: string, msBeforeNext: number): AppError {
  const retryAfterSec = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError("rate_limited", `${message}; try again in ${retryAfterSec} s`, { retryAfterSec });
}

/** Consumes one point or throws the 429. */
export async function consumeOrThrow(l: RateLimiterPostgres, key: string, message: string): Promise<void> {
  try {
    await l.consume(key);
  } catch (error) {
    if (isLimited(error)) throw rateLimited(message, error.msBeforeNext);
    throw error;
  }
}
