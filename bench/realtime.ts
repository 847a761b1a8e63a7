/**
 * Realtime benchmarks (not part of npm test). A realtime server (a child process, as in
 * production) on its own port and RabbitMQ vhost; readings are published straight to
 * `device_events` with the publish time as the reading's timestamp, and Socket.IO clients in this
 * process measure receipt − timestamp (one clock, one machine).
 *
 *   1. latency: 1,000 readings/s over 200 devices (5/s each), one admin dashboard on the fleet.
 *      Telemetry is coalesced to ≤ 2 events/s per device (latest wins), so a delivered reading
 *      may have waited for its slot; the same-run baseline is the same server with coalescing
 *      off (REALTIME_COALESCE_MS=0), i.e. the pipeline alone.
 *   2. fanout: 2,000 connected clients, each subscribed to one device (10 per device, 200
 *      devices), every device at 2 updates/s: delivery p99 and the server's peak RSS.
 *
 *   npx tsx bench/realtime.ts [--quick] [--seconds 20] [--clients 2000]
 * Uses DATABASE_URL (a seeded database with an admin) and RABBITMQ_URL (a vhost of its own:
 * the readings also land in its queue_data_ingestion, which is purged at the end).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { io as connect, type Socket } from "socket.io-client";
import { issueApiToken } from "@/lib/auth/users";
import { toRole } from "@/lib/auth/permissions";
import { configOrExit } from "@/lib/config";
import { db } from "@/lib/db";
import { AmqpLink } from "@/lib/telemetry/amqp";
import { EXCHANGE, QUEUES, telemetryKey } from "@/lib/telemetry/topology";
import { recordResults } from "./results-file";

const cfg = configOrExit();
const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    seconds: { type: "string" },
    clients: { type: "string" },
    port: { type: "string", default: process.env.BENCH_REALTIME_PORT ?? "3411" },
  },
});
const QUICK = values.quick;
const SECONDS = Number(values.seconds ?? (QUICK ? 3 : 20));
const CLIENTS = Number(values.clients ?? (QUICK ? 200 : 2000));
const PORT = Number(values.port);
const DEVICES = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
}

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/realtime-server.ts"], {
    env: { ...process.env, REALTIME_PORT: String(PORT), LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`realtime server exited (${child.exitCode}); is port ${PORT} taken?`);
    if ((await fetch(`http://127.0.0.1:${PORT}/healthz`).catch(() => null))?.ok) return child;
    await sleep(250);
  }
  throw new Error("realtime server did not become healthy");
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

async function openClient(token: string): Promise<Socket> {
  const socket = connect(`http://127.0.0.1:${PORT}`, { path: "/ws/monitoring", auth: { token }, transports: ["websocket"], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Publishes `perSecond` single-reading messages spread over `devices`, in 10 ms ticks, for `seconds`. */
async function publishLoad(link: AmqpLink, devices: number, perSecond: number, seconds: number): Promise<number> {
  const ch = await link.channel();
  const started = Date.now();
  let sent = 0;
  let device = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * perSecond);
    while (sent < due) {
      device = (device % devices) + 1;
      const now = new Date().toISOString();
      const body = { v: 1, deviceId: device, readings: [{ messageId: randomUUID(), receivedAt: now, timestamp: now, metrics: { temperature: 20 + (sent % 10) } }] };
      if (!ch.publish(EXCHANGE, telemetryKey(device), Buffer.from(JSON.stringify(body)), { contentType: "application/json" })) {
        await new Promise((r) => ch.once("drain", r));
      }
      sent++;
    }
    await sleep(10);
  }
  await ch.waitForConfirms();
  return sent / ((Date.now() - started) / 1000);
}

/** Receipt − reading timestamp for every telemetry event on these sockets after `warmupMs`. */
function collectLatencies(sockets: Socket[], warmupMs: number) {
  const samples: number[] = [];
  const from = Date.now() + warmupMs;
  for (const s of sockets) {
    s.on("telemetry", (e: { timestamp: string }) => {
      const now = Date.now();
      if (now >= from) samples.push(now - Date.parse(e.timestamp));
    });
  }
  return samples;
}

async function latencyRun(link: AmqpLink, token: string, coalesceMs: number) {
  const server = await startServer({ REALTIME_COALESCE_MS: String(coalesceMs) });
  try {
    const socket = await openClient(token);
    const ack = await socket.emitWithAck("subscribe", { fleet: true });
    if (!ack.ok) throw new Error(`subscribe failed: ${JSON.stringify(ack)}`);
    const samples = collectLatencies([socket], 1000);
    const rate = await publishLoad(link, DEVICES, 1000, SECONDS);
    await sleep(1000); // trailing emits of the last readings
    socket.close();
    samples.sort((a, b) => a - b);
    return { rate: Math.round(rate), received: samples.length, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) };
  } finally {
    await stopServer(server);
  }
}

async function fanoutRun(link: AmqpLink, token: string) {
  const server = await startServer({ REALTIME_MAX_MESSAGE_BYTES: "65536" });
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < CLIENTS; i += 50) {
      const batch = await Promise.all(Array.from({ length: Math.min(50, CLIENTS - i) }, () => openClient(token)));
      await Promise.all(batch.map((s, j) => s.emitWithAck("subscribe", { deviceId: ((i + j) % DEVICES) + 1 })));
      sockets.push(...batch);
    }
    const rssBefore = rssMb(server.pid!);
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(server.pid!))), 250);
    const samples = collectLatencies(sockets, 1000);
    const rate = await publishLoad(link, DEVICES, DEVICES * 2, SECONDS);
    await sleep(1000);
    clearInterval(sampler);
    samples.sort((a, b) => a - b);
    const expected = (SECONDS - 1) * DEVICES * 2 * (CLIENTS / DEVICES);
    return {
      clients: sockets.filter((s) => s.connected).length,
      publishRate: Math.round(rate),
      deliveredPerSec: Math.round(samples.length / (SECONDS - 1)),
      deliveredShare: Number((samples.length / expected).toFixed(3)),
      p50Ms: percentile(samples, 50),
      p99Ms: percentile(samples, 99),
      rssIdleMb: Math.round(rssBefore),
      serverRssMb: Math.round(peakRss),
    };
  } finally {
    for (const s of sockets) s.close();
    await stopServer(server);
  }
}

async function main() {
  const admin = await db().user.findFirst({ where: { role: "ADMIN" } });
  if (!admin) throw new Error("no admin in DATABASE_URL; run scripts/seed.ts first");
  const { token } = await issueApiToken({ id: admin.id, email: admin.email, name: admin.name, role: toRole(admin.role) });
  const link = new AmqpLink(cfg.RABBITMQ_URL, { name: "bench-realtime", reconnect: false });

  console.log(`latency: 1,000 readings/s over ${DEVICES} devices for ${SECONDS} s, one fleet dashboard`);
  const latency = await latencyRun(link, token, cfg.REALTIME_COALESCE_MS);
  const baseline = await latencyRun(link, token, 0);
  console.log(`fanout: ${CLIENTS} clients, 1 device each (${CLIENTS / DEVICES} per device), each device at 2 updates/s for ${SECONDS} s`);
  const fanout = await fanoutRun(link, token);

  const ch = await link.channel();
  for (const q of Object.values(QUEUES)) await ch.purgeQueue(q.name);
  await link.close();

  console.log("\n## realtime");
  console.table({
    latency: { rate: latency.rate, received: latency.received, p50Ms: latency.p50Ms, p99Ms: latency.p99Ms },
    "latency, coalescing off (baseline)": { rate: baseline.rate, received: baseline.received, p50Ms: baseline.p50Ms, p99Ms: baseline.p99Ms },
  });
  console.table({ fanout });
  recordResults({
    "latency.p50Ms": latency.p50Ms,
    "latency.p99Ms": latency.p99Ms,
    "latency.rate": latency.rate,
    "latency.uncoalescedP50Ms": baseline.p50Ms,
    "latency.uncoalescedP99Ms": baseline.p99Ms,
    "fanout.clients": fanout.clients,
    "fanout.p50Ms": fanout.p50Ms,
    "fanout.p99Ms": fanout.p99Ms,
    "fanout.serverRssMb": fanout.serverRssMb,
    "fanout.deliveredShare": fanout.deliveredShare,
    "realtime.quick": QUICK,
  });
  console.log("saved bench/results/latest.json");
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
