import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/**
 * Liveness: answers while this process can serve requests at all, without asking PostgreSQL,
 * RabbitMQ or MongoDB. An orchestrator restarts a process that stops answering here; a dependency
 * outage shows in /api/health (readiness) instead, where restarting the web would not help.
 */
export function GET() {
  return NextResponse.json({ status: "ok" });
}
