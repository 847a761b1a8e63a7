import type { NextRequest } from "next/server";
import { config } from "@/lib/config";
import { logger } from "@/lib/logger";
import { decide, type BrokerCheck } from "@/lib/mqtt/broker-auth";
import { brokerAuthSecret, safeEqual } from "@/lib/mqtt/identity";
import { publisherLink } from "@/lib/telemetry/publisher";

const CHECKS = new Set<BrokerCheck>(["user", "vhost", "resource", "topic"]);
const text = (body: "allow" | "deny") => new Response(body, { headers: { "content-type": "text/plain", "cache-control": "no-store" } });

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const PRIVATE = /^(::ffff:)?(10\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.)/;

function peerAllowed(peer: string): boolean {
  if (peer.includes(",")) return false;
  return LOOPBACK.has(peer) || (config().BROKER_AUTH_PEERS === "private" && PRIVATE.test(peer));
}

/**
 * RabbitMQ's HTTP auth backend (user, vhost, resource, topic). Only the broker may ask: the
 * shared secret in the query, a caller on loopback (or, with
 * BROKER_AUTH_PEERS=private as in docker-compose, on the private network), an internal Host, and
 * never through the gateway (which also refuses /api/internal). Anything unexpected is a plain "deny".
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
  // `next start` fills x-forwarded-for with the socket's address when the request has none; a
  // request through the gateway carries a list or a client's address, and is refused.
  if (req.headers.has("forwarded") || req.headers.has("x-real-ip")) return false;
  if (!peerAllowed(req.headers.get("x-forwarded-for") ?? "")) return false;
  const host = (req.headers.get("host") ?? "").replace(/:\d+$/, "");
  return config().BROKER_AUTH_HOSTS.split(",").map((h) => h.trim()).includes(host);
}
