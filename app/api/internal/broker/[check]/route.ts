import type { NextRequest } from "next/server";
import { config } from "@/lib/config";
import { logger } from "@/lib/logger";
import { decide, type BrokerCheck } from "@/lib/mqtt/broker-auth";
import { brokerAuthSecret, safeEqual } from "@/lib/mqtt/identity";
import { publisherLink } from "@/lib/telemetry/publisher";

const CHECKS = new Set<BrokerCheck>(["user", "vhost", "resource", "topic"]);
const text = (body: "allow" | "deny") => new Response(body, { headers: { "content-type": "text/plain", "cache-control": "no-store" } });

/**
 * RabbitMQ's HTTP auth backend (user, vhost, resource, topic). Only the broker may ask: the
 * shared secret in the query, a direct call (no proxy headers: the gateway adds them and also
 * refuses /api/internal), and an internal Host. Anything unexpected is a plain "deny".
 */
export async function POST(req: NextRequest, { params }: { params: Promise<{ check: string }> }) {
  try {
    const check = (await params).check as BrokerCheck;
    if (!CHECKS.has(check) || !fromBroker(req)) return text("deny");
    const body = await req.text();
    if (body.length > 4096) return text("deny");
    const form = Object.fromEntries(new URLSearchParams(body));
    const answer = await decide(check, form);
    // Before the first device is admitted, make sure its readings have a queue to land in.
    if (answer === "allow" && check === "user") await publisherLink().channel();
    if (answer === "deny" && check !== "resource") logger().info({ check, username: form.username, vhost: form.vhost }, "broker auth denied");
    return text(answer);
  } catch (error) {
    logger().warn({ err: error }, "broker auth check failed; denying");
    return text("deny");
  }
}

function fromBroker(req: NextRequest): boolean {
  const secret = req.nextUrl.searchParams.get("secret") ?? "";
  if (!safeEqual(secret, brokerAuthSecret())) return false;
  if (req.headers.has("x-forwarded-for") || req.headers.has("forwarded") || req.headers.has("x-real-ip")) return false;
  const host = (req.headers.get("host") ?? "").replace(/:\d+$/, "");
  return config().BROKER_AUTH_HOSTS.split(",").map((h) => h.trim()).includes(host);
}
