import { requireUser } from "@/lib/auth/session";
import { isOperatorToken } from "@/lib/auth/operator-token";
import { apiRoute } from "@/lib/http/api-route";
import { metrics } from "@/lib/metrics";

export const dynamic = "force-dynamic";

// Admins only. permissions.ts has no "metrics:read" yet; device configuration is admin-only.
const METRICS_PERMISSION = "device:configure" as const;

/** This web process's metrics in Prometheus text format (lib/metrics.ts). */
export const GET = apiRoute(async (req) => {
  if (!isOperatorToken(req)) await requireUser(req, METRICS_PERMISSION);
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
