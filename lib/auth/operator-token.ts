import { timingSafeEqual } from "node:crypto";
import type { NextRequest } from "next/server";
import { config } from "@/lib/config";

/**
 * The operator's bearer token (`METRICS_TOKEN`): what Prometheus and probes send for metrics and
 * health detail. Checked without the database on purpose, so it still works while PostgreSQL is
 * the thing that is down. Unset means no operator token exists.
 */
export function isOperatorToken(req: NextRequest): boolean {
  const expected = config().METRICS_TOKEN;
  const header = req.headers.get("authorization") ?? "";
  if (!expected || !header.toLowerCase().startsWith("bearer ")) return false;
  const sent = Buffer.from(header.slice(7).trim());
  const wanted = Buffer.from(expected);
  return sent.length === wanted.length && timingSafeEqual(sent, wanted);
}
