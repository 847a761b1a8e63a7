/**
 * Tells the local broker-auth relay (scripts/broker-auth-relay.mjs) which app answers the
 * broker's auth questions for this environment's vhost (from RABBITMQ_URL):
 *   npx tsx scripts/register-broker-auth.ts http://127.0.0.1:3100
 * Whoever starts the app runs this (demo.sh, test.sh); the last registration for a vhost wins.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { configOrExit } from "@/lib/config";
import { appVhost, brokerAuthSecret } from "@/lib/mqtt/identity";

configOrExit();
const appUrl = process.argv[2];
if (!appUrl) {
  console.error("usage: register-broker-auth.ts <app base url>");
  process.exit(2);
}
const registry = process.env.BROKER_AUTH_REGISTRY ?? "/var/tmp/device-store-broker-auth";
mkdirSync(registry, { recursive: true, mode: 0o700 });
const vhost = appVhost();
const target = `${new URL("/api/internal/broker", appUrl)}?secret=${encodeURIComponent(brokerAuthSecret())}`;
const file = path.join(registry, encodeURIComponent(vhost));
// Atomic: the relay never reads half a file.
writeFileSync(`${file}.tmp`, target + "\n", { mode: 0o600 });
renameSync(`${file}.tmp`, file);
console.log(`broker auth for vhost ${vhost} → ${new URL(appUrl).origin}`);
