import { BSON, MongoError, MongoNetworkError, MongoNotConnectedError, MongoServerError, MongoServerSelectionError, MongoTopologyClosedError } from "mongodb";

/**
 * Transient or permanent? Transient errors (the store is unreachable, restarting or overloaded)
 * are worth a bounded retry and then a redelivery; permanent ones (the store refuses this
 * document) never heal and go to the dead-letter queue.
 */
const TRANSIENT_CODES = new Set([6, 7, 50, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

// FerretDB reports PostgreSQL trouble as InternalError (1) with the SQLSTATE in the message:
// connection (08), resources (53), operator intervention (57), rollbacks (40) are transient;
// data exceptions (22, e.g. NUL in text) and the rest are not.
const FERRET_TRANSIENT = /SQLSTATE (08|53|57|40)|connection refused|connection reset|broken pipe|timeout|deadline exceeded|too many clients/i;

export function isTransientStoreError(error: unknown): boolean {
  if (error instanceof BSON.BSONError) return false;
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError
  ) {
    return true;
  }
  if (error instanceof MongoError && (error.hasErrorLabel("RetryableWriteError") || error.hasErrorLabel("ResetPool"))) return true;
  if (error instanceof MongoServerError) {
    if (typeof error.code === "number" && TRANSIENT_CODES.has(error.code)) return true;
    return error.code === 1 && FERRET_TRANSIENT.test(error.message);
  }
  return false;
}

/** A short reason for the dead-letter header. */
export function describeStoreError(error: unknown): string {
  const e = error as { code?: unknown; message?: string };
  const message = (e.message ?? String(error)).replace(/\[[^\]]*\.go:\d+[^\]]*\]\s*/g, "").slice(0, 300);
  return `store refused the reading${typeof e.code === "number" ? ` (code ${e.code})` : ""}: ${message}`;
}
