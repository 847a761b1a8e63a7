import { MONITORING_OPERATIONS } from "./monitoring-operations";
import { STORE_OPERATIONS } from "./store-operations";
import { SYSTEM_OPERATIONS } from "./system-operations";
import type { HttpMethod, Operation } from "./types";

/** Every documented API operation. lib/openapi/completeness.test.ts holds app/api to this list. */
export const OPERATIONS: Operation[] = [...STORE_OPERATIONS, ...MONITORING_OPERATIONS, ...SYSTEM_OPERATIONS];

/**
 * Route handlers that are deliberately not part of the API contract, with the reason.
 * Keys are `METHOD path` in the document's path syntax.
 */
export const UNDOCUMENTED: Record<string, string> = {
  "GET /api/auth/{nextauth}": "next-auth's own browser sign-in protocol (csrf, session, callback), not an API for programs",
  "POST /api/auth/{nextauth}": "next-auth's own browser sign-in protocol (credentials sign-in, sign-out)",
  "POST /api/internal/broker/{check}": "RabbitMQ's HTTP auth backend: loopback and shared secret only, refused through the gateway",
};

export function findOperation(method: HttpMethod, path: string): Operation {
  const op = OPERATIONS.find((o) => o.method === method && o.path === path);
  if (!op) throw new Error(`${method} ${path} is not documented`);
  return op;
}
