import { requireUser } from "@/lib/auth/session";
import { isOperatorToken } from "@/lib/auth/operator-token";
import { apiRoute } from "@/lib/http/api-route";
import { metrics } from "@/lib/metrics";

export const dynamic = "force-dynamic";

/** This web process's metrics in Prometheus text format (lib/metrics.ts), for admins or the scrape token. */
export const GET = apiRoute(async (req) => {
  if (!isOperatorToken(req)) await requireUser(req, "operations:read");
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
