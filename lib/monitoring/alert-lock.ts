import { db } from "@/lib/db";

/**
 * Serializes writers of one device's alert of one type (worker raise/repeat/clear, and the API's
 * acknowledge/clear) with a PostgreSQL transaction-scoped advisory lock.
 *
 * Why: FerretDB 1.24 (PostgreSQL backend) evaluates an update's filter in its own process and then
 * rewrites the whole document by `_id`, without a row lock. Measured here: 20 concurrent
 * `$inc: {n: 1}` on one document left n = 4, and a compare-and-set on a revision field let 20
 * "successful" writers through for 8 increments. Only unique indexes and inserts are atomic. So
 * two workers bumping one alert lose counts, and a bump racing a person's acknowledge or clear
 * can write the old state back. Everything that writes an alert runs inside this lock.
 */
const ALERT_LOCK_SPACE = 7_401;

export async function withAlertLock<T>(deviceId: number, alertType: string, fn: () => Promise<T>): Promise<T> {
  const key = `${deviceId}:${alertType}`;
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ALERT_LOCK_SPACE}::int, hashtext(${key}))`;
      return fn();
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
