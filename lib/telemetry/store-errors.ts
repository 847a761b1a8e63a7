import { BSON, MongoBulkWriteError, MongoError, MongoNetworkError, MongoNotConnectedError, MongoServerError, MongoServerSelectionError, MongoTopologyClosedError } from "mongodb";

/**
 * Transient or permanent? Transient errors (the store is unreachable, restarting or overloaded)
 * are worth a bounded retry and then a redelivery; permanent ones (the store refuses this
 * document) never heal and go to the dead-letter queue. When in doubt about the connection,
 * say transient: a wrongly retried reading costs a redelivery, a wrongly dead-lettered one is
 * lost to the dashboards until someone replays the dead-letter queue.
 */
const TRANSIENT_CODES = new Set([6, 7, 50, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

// FerretDB reports PostgreSQL trouble as InternalError (1) with the SQLSTATE in the message:
// connection (08), resources (53), operator intervention (57), rollbacks (40) are transient;
// data exceptions (22, e.g. NUL in text) and the rest are not.
const FERRET_TRANSIENT = /SQLSTATE (08|53|57|40)|connection refused|connection reset|broken pipe|timeout|deadline exceeded|too many clients/i;

// Node's socket errors, whichever class carries them (a network error, its cause, or the
// bulk-write error the driver wraps it in).
const SOCKET_ERROR_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const SOCKET_ERROR_MESSAGE = /\b(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)\b|connection pool .* was cleared|socket (hang up|closed)|connection .* closed/i;

const DRIVER_CONNECTION_ERRORS = [MongoNetworkError, MongoServerSelectionError, MongoNotConnectedError, MongoTopologyClosedError];

export function isTransientStoreError(error: unknown, depth = 0): boolean {
  if (depth > 5 || error == null || typeof error !== "object") return false;
  if (error instanceof BSON.BSONError) return false;
  if (DRIVER_CONNECTION_ERRORS.some((type) => error instanceof type)) return true;
  if (error instanceof MongoError && (error.hasErrorLabel("RetryableWriteError") || error.hasErrorLabel("ResetPool"))) return true;

  // insertMany wraps *any* failure of a batch (server selection, a refused connection) in a
  // MongoBulkWriteError that keeps the original as `errorResponse`. Only one that carries
  // per-document write errors is the store judging the documents.
  if (error instanceof MongoBulkWriteError && [error.writeErrors].flat().length === 0 && error.errorResponse instanceof Error) {
    return isTransientStoreError(error.errorResponse, depth + 1);
  }

  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === "string" && SOCKET_ERROR_CODES.has(code)) return true;
  if (cause !== undefined && isTransientStoreError(cause, depth + 1)) return true;

  if (error instanceof MongoServerError) {
    if (typeof code === "number" && TRANSIENT_CODES.has(code)) return true;
    if (code === 1 && typeof message === "string" && FERRET_TRANSIENT.test(message)) return true;
    // A server's own refusal of a document has a numeric code; a wrapped connection failure has none.
    return code === undefined && typeof message === "string" && SOCKET_ERROR_MESSAGE.test(message);
  }
  return typeof message === "string" && !(error instanceof MongoError) && SOCKET_ERROR_MESSAGE.test(message);
}

/** A short reason for the dead-letter header. */
export function describeStoreError(error: unknown): string {
  const e = error as { code?: unknown; message?: string };
  const message = (e.message ?? String(error)).replace(/\[[^\]]*\.go:\d+[^\]]*\]\s*/g, "").slice(0, 300);
  return `store refused the reading${typeof e.code === "number" ? ` (code ${e.code})` : ""}: ${message}`;
}
