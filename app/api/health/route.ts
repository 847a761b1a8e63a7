import { NextResponse, type NextRequest } from "next/server";
import { isAdmin } from "@/lib/auth/permissions";
import { getRequestUser } from "@/lib/auth/session";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/**
 * Load balancers and the public get only the overall status; which service is down (the
 * deployment's shape) is for admins.
 */
export async function GET(req: NextRequest) {
  const [health, user] = await Promise.all([checkHealth(), getRequestUser(req).catch(() => null)]);
  const detail = user && isAdmin(user) ? { checks: health.checks } : {};
  const headers = { "Cache-Control": "no-store" };
  if (health.ok) return NextResponse.json({ status: "ok", ...detail }, { headers });
  return NextResponse.json(
    {
      status: "degraded",
      ...detail,
      error: { code: "service_unavailable", message: user && isAdmin(user) ? `Down: ${health.down.join(", ")}` : "A backing service is unavailable" },
    },
    { status: 503, headers },
  );
}
