import pino, { type Logger } from "pino";

/**
 * The one logger: structured JSON lines on stdout (pino), one per process, with the process's
 * role bound in. Use `logger.child({ requestId })` to carry a request id through a unit of work;
 * the same id travels through the broker as the message's `x-request-id` header.
 * `LOG_LEVEL` (default info) tunes verbosity; tests set it to `warn` to keep output readable.
 */
const globalForLogger = globalThis as unknown as { appLogger?: Logger };

export function createLogger(name: string): Logger {
  return pino({
    name,
    level: process.env.LOG_LEVEL || "info",
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Never log secrets even when a caller passes a whole object.
    redact: { paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization", "cookie", "*.cookie"], censor: "[redacted]" },
  });
}

/** The process-wide logger; long-running processes name themselves with `setProcessLogger`. */
export function logger(): Logger {
  globalForLogger.appLogger ??= createLogger("web");
  return globalForLogger.appLogger;
}

export function setProcessLogger(name: string): Logger {
  globalForLogger.appLogger = createLogger(name);
  return globalForLogger.appLogger;
}
