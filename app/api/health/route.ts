import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  if (health.ok) return NextResponse.json({ status: "ok", checks: health.checks });
  return NextResponse.json(
    { status: "degraded", checks: health.checks, error: { code: "service_unavailable", message: `Down: ${health.down.join(", ")}` } },
    { status: 503 },
  );
}
