import { timingSafeEqual } from "node:crypto";
import type { NextRequest } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { apiRoute } from "@/lib/http/api-route";
import { metrics } from "@/lib/metrics";

export const dynamic = "force-dynamic";

// Admins only. permissions.ts has no "metrics:read" yet; device configuration is admin-only.
const METRICS_PERMISSION = "device:configure" as const;

function isScrapeToken(req: NextRequest): boolean {
  const expected = config().METRICS_TOKEN;
  const header = req.headers.get("authorization") ?? "";
  if (!expected || !header.toLowerCase().startsWith("bearer ")) return false;
  const sent = Buffer.from(header.slice(7).trim());
  const wanted = Buffer.from(expected);
  return sent.length === wanted.length && timingSafeEqual(sent, wanted);
}

/** This web process's metrics in Prometheus text format (lib/metrics.ts). */
export const GET = apiRoute(async (req) => {
  if (!isScrapeToken(req)) await requireUser(req, METRICS_PERMISSION);
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
