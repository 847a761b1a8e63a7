/**
 * One broker, several apps: on a development or CI machine the demo (:3000), the test server
 * (:3100) and each engineer's server share one RabbitMQ, but its HTTP auth backend has a single
 * URL per node. The broker calls this relay on loopback; the relay sends each question to the
 * app registered for the request's vhost (every question the backend asks carries `vhost`).
 * Registrations are files `<registry>/<encodeURIComponent(vhost)>` holding the app's
 * `http://host:port/api/internal/broker?secret=…` base, written by scripts/register-broker-auth.ts.
 * An unregistered vhost, a slow or broken app, or anything odd: "deny".
 *   node scripts/broker-auth-relay.mjs   (started by scripts/services.sh)
 */
import { readFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";

const port = Number(process.env.BROKER_AUTH_RELAY_PORT ?? 15680);
const registry = process.env.BROKER_AUTH_REGISTRY ?? "/var/tmp/device-store-broker-auth";
const CHECKS = new Set(["user", "vhost", "resource", "topic"]);

async function targetFor(vhost) {
  try {
    const base = (await readFile(path.join(registry, encodeURIComponent(vhost)), "utf8")).trim();
    return new URL(base);
  } catch {
    return undefined;
  }
}

async function answer(check, body) {
  if (!CHECKS.has(check) || body.length > 4096) return "deny";
  const vhost = new URLSearchParams(body).get("vhost");
  if (!vhost) return "deny";
  const base = await targetFor(vhost);
  if (!base) return "deny";
  const url = new URL(`${base.pathname.replace(/\/$/, "")}/${check}${base.search}`, base);
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
    // Below the broker's own 15 s, so that a slow answer is a clear "deny" rather than a broker timeout.
    signal: AbortSignal.timeout(12_000),
  });
  const text = (await res.text()).trim();
  return res.ok && /^(allow|deny)\b/.test(text) ? text : "deny";
}

http
  .createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const check = (req.url ?? "").split("?")[0].replace(/^\//, "");
      answer(check, req.method === "POST" ? body : "")
        .catch(() => "deny")
        .then((a) => res.writeHead(200, { "content-type": "text/plain" }).end(a));
    });
  })
  .listen(port, "127.0.0.1", () => console.log(`broker auth relay on 127.0.0.1:${port}, registry ${registry}`));
