import { NextResponse, type NextRequest } from "next/server";
import { isOperatorToken } from "@/lib/auth/operator-token";
import { can } from "@/lib/auth/permissions";
import { getRequestUser } from "@/lib/auth/session";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/**
 * Load balancers and the public get only the overall status; which service is down (the
 * deployment's shape) is for admins and for the operator's token (which needs no database, so it
 * still names PostgreSQL when PostgreSQL is what is down).
 */
export async function GET(req: NextRequest) {
  const operator = isOperatorToken(req);
  const [health, user] = await Promise.all([checkHealth(), operator ? null : getRequestUser(req).catch(() => null)]);
  const privileged = operator || (user !== null && can(user, "operations:read"));
  const detail = privileged ? { checks: health.checks } : {};
  const headers = { "Cache-Control": "no-store" };
  if (health.ok) return NextResponse.json({ status: "ok", ...detail }, { headers });
  return NextResponse.json(
    {
      status: "degraded",
      ...detail,
      error: { code: "service_unavailable", message: privileged ? `Down: ${health.down.join(", ")}` : "A backing service is unavailable" },
    },
    { status: 503, headers },
  );
}
