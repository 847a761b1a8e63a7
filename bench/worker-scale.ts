/**
 * Ingest throughput with 1 and with 2 telemetry workers (competing consumers), same run: the
 * ingestion queue of a vhost of its own is filled first, then K workers start under supervisord
 * (the demo's own config) and drain it; readings/s is measured from the first stored reading to
 * the last, from the workers' own `readings_stored_total` metrics.
 *   npx tsx bench/worker-scale.ts [--readings 30000]
 */
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import amqp from "amqplib";
import { MongoClient } from "mongodb";
import { assertTopology, EXCHANGE } from "@/lib/telemetry/topology";

const { values } = parseArgs({ options: { readings: { type: "string", default: "30000" } } });
const READINGS = Number(values.readings);
// Small messages, like HTTP ingest batches: a worker prefetches 200 messages, which must be a small share of the queue.
const PER_MESSAGE = 10;
const VHOST = "bench_workers";
const RABBITMQ_URL = `amqp://guest:guest@127.0.0.1:5672/${VHOST}`;
const MONGODB_URL = "mongodb://127.0.0.1:27017/device_monitoring_bench_workers";
const METRICS_BASE = 3296;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fillQueue() {
  const connection = await amqp.connect(RABBITMQ_URL);
  const ch = await connection.createConfirmChannel();
  await assertTopology(ch, "classic");
  await ch.purgeQueue("queue_data_ingestion");
  for (let sent = 0; sent < READINGS; sent += PER_MESSAGE) {
    const deviceId = 1 + ((sent / PER_MESSAGE) % 50);
    const at = Date.now() - 3600_000;
    const readings = Array.from({ length: PER_MESSAGE }, (_, i) => ({
      messageId: randomUUID(),
      receivedAt: new Date().toISOString(),
      timestamp: new Date(at + sent + i).toISOString(),
      metrics: { temperature: 20 + (i % 10), humidity: 40, cpu_usage: 10, memory_usage: 30, battery_level: 90 },
    }));
    ch.publish(EXCHANGE, `telemetry.${deviceId}`, Buffer.from(JSON.stringify({ v: 1, deviceId, readings })), { persistent: true });
    if ((sent / PER_MESSAGE) % 200 === 199) await ch.waitForConfirms();
  }
  await ch.waitForConfirms();
  await connection.close();
}

async function stored(ports: number[]): Promise<number> {
  let total = 0;
  for (const port of ports) {
    try {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
      const line = text.split("\n").find((l) => l.startsWith("readings_stored_total"));
      total += line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
    } catch {
      /* not up yet */
    }
  }
  return total;
}

async function run(workers: number) {
  const mongo = new MongoClient(MONGODB_URL);
  await mongo.db().dropDatabase();
  await mongo.close();
  await fillQueue();
  const dir = mkdtempSync(path.join(tmpdir(), "bench-workers-"));
  const env = { ...process.env, STATE_DIR: dir, SCALE: String(workers), ONLY: "worker", WORKER_METRICS_PORT_BASE: String(METRICS_BASE), RABBITMQ_URL, MONGODB_URL, LOG_LEVEL: "warn" };
  writeFileSync(path.join(dir, "supervisord.conf"), execFileSync("bash", ["scripts/render-supervisor-config.sh"], { env, encoding: "utf8" }));
  const supervisor = spawn("supervisord", ["-n", "-c", path.join(dir, "supervisord.conf")], { env, stdio: "ignore" });
  const ports = Array.from({ length: workers }, (_, i) => METRICS_BASE + i);
  let first = 0;
  let done = 0;
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const n = await stored(ports);
    if (n > 0 && !first) first = performance.now();
    if (n >= READINGS) {
      done = performance.now();
      break;
    }
    await sleep(100);
  }
  supervisor.kill("SIGTERM");
  await new Promise((r) => supervisor.once("exit", r));
  if (!done) throw new Error(`${workers} worker(s) did not store ${READINGS} readings in time`);
  return { workers, readingsPerSec: Math.round(READINGS / ((done - first) / 1000)) };
}

try {
  execFileSync("rabbitmqctl", ["-q", "add_vhost", VHOST], { stdio: "ignore" });
} catch {
  /* exists */
}
execFileSync("rabbitmqctl", ["-q", "set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*"]);
const results: Awaited<ReturnType<typeof run>>[] = [];
for (const workers of [1, 2, 1, 2]) {
  const r = await run(workers);
  console.log(`${r.workers} worker(s): ${r.readingsPerSec} readings/s`);
  results.push(r);
}
const best = (k: number) => Math.max(...results.filter((r) => r.workers === k).map((r) => r.readingsPerSec));
console.log(`2 workers / 1 worker: ${(best(2) / best(1)).toFixed(2)}×`);
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/worker-scale.json", JSON.stringify({ readings: READINGS, one: best(1), two: best(2), runs: results }, null, 2) + "\n");
