/**
 * Telemetry throughput on this machine (not part of npm test):
 *   1. ceiling: a raw insertMany loop into the same MongoDB-compatible server, same indexes, in
 *      the worker's write shape (WORKER_BATCH_SIZE, WORKER_CONCURRENCY inserts in flight);
 *   2. end to end: simulated devices publishing straight to RabbitMQ → the worker (a child
 *      process, as in production) → monitoring_data, sustained for --seconds (60) with the
 *      backlog held under --backlog readings (the publisher waits for the worker), then every
 *      reading counted by messageId: ingest.msgsPerSec, ingest.ratio, ingest.lost, ingest.duplicated;
 *   3. HTTP ingest: batches of 100 through POST /api/ingest on a server this script starts from
 *      the existing production build (run `next build` first), rate limit lifted;
 *   4. MQTT ingest on the same server and broker: --mqtt-devices sessions (200), QoS 1, one
 *      reading per PUBLISH (bench/mqtt.ts): mqtt.readingsPerSec, mqtt.lost, mqtt.duplicated.
 *
 *   npx tsx bench/telemetry.ts [--seconds 60] [--readings 60000 (ceiling run)] [--devices 20] [--http-seconds 15] [--quick]
 * Uses DATABASE_URL, RABBITMQ_URL (use a vhost of your own) and MONGODB_URL from the environment.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { MongoClient } from "mongodb";
import { configOrExit } from "@/lib/config";
import { db } from "@/lib/db";
import { issueDeviceCredential } from "@/lib/provisioning/credentials";
import { markUnitsDelivered } from "@/lib/provisioning/fleet";
import { AmqpLink, publishConfirmed } from "@/lib/telemetry/amqp";
import { prepareMonitoringStore } from "@/lib/monitoring/store-setup";
import { readingSchema, toMessageJson } from "@/lib/telemetry/schema";
import { EXCHANGE, telemetryKey } from "@/lib/telemetry/topology";
import { SimDevice } from "@/simulator/device-model";
import { ensureBenchSecret } from "./harness";
import { mqttIngest, type MqttFigures } from "./mqtt";
import { recordResults } from "./results-file";

// The HTTP phase starts a production server (which refuses a guessable secret) and registers the
// broker's auth backend with a secret derived from it: both children inherit this one.
ensureBenchSecret();
const cfg = configOrExit();
const { values } = parseArgs({
  options: {
    readings: { type: "string", default: "60000" },
    seconds: { type: "string" },
    backlog: { type: "string", default: "20000" },
    quick: { type: "boolean", default: false },
    devices: { type: "string", default: "20" },
    "http-seconds": { type: "string" },
    "http-port": { type: "string", default: process.env.BENCH_PORT ?? "3401" },
    "skip-http": { type: "boolean", default: false },
    "mqtt-devices": { type: "string" },
    "mqtt-per-device": { type: "string" },
  },
});
const QUICK = values.quick!;
const N = QUICK ? 10_000 : Number(values.readings);
const SUSTAIN_SEC = Number(values.seconds ?? (QUICK ? 5 : 60));
const BACKLOG = Number(values.backlog);
const HTTP_SECONDS = Number(values["http-seconds"] ?? (QUICK ? 3 : 15));
const MQTT_DEVICES = Number(values["mqtt-devices"] ?? (QUICK ? 20 : 200));
const MQTT_PER_DEVICE = Number(values["mqtt-per-device"] ?? (QUICK ? 5 : 50));
const D = Number(values.devices);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function rawCeiling(mongo: MongoClient): Promise<number> {
  const scratch = mongo.db(`${mongo.db().databaseName}_bench_raw`);
  await scratch.dropDatabase().catch(() => undefined);
  await prepareMonitoringStore(scratch);
  const col = scratch.collection("monitoring_data");
  const devices = Array.from({ length: D }, (_, i) => new SimDevice(i + 1));
  const started = Date.now();
  let written = 0;
  // The worker's own write shape: its batch size, and as many inserts in flight as it keeps
  // (bench/ingest-ceiling.ts shows writes in flight are what raise this ceiling most).
  const batch = cfg.WORKER_BATCH_SIZE;
  const lane = async () => {
    while (written < N) {
      const docs = Array.from({ length: batch }, (_, i) => {
        const r = devices[i % D].next()!;
        return { ...readingSchema.parse(r), messageId: randomUUID(), device_id: (i % D) + 1, receivedAt: new Date() };
      });
      written += docs.length;
      await col.insertMany(docs, { ordered: false });
    }
  };
  await Promise.all(Array.from({ length: cfg.WORKER_CONCURRENCY }, lane));
  const rate = written / ((Date.now() - started) / 1000);
  await scratch.dropDatabase().catch(() => undefined);
  return rate;
}

/** The worker, verbose: its flush lines tell when the last reading is written (counting on FerretDB is slow). */
function startWorker(onStored: (n: number) => void): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/telemetry-worker.ts", "--verbose"], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  child.stdout!.on("data", (chunk: Buffer) => {
    for (const m of chunk.toString().matchAll(/flush: (\d+) readings/g)) onStored(Number(m[1]));
    if (process.env.BENCH_VERBOSE) process.stdout.write(chunk);
  });
  return child;
}

async function newFieldDevices(count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const d = await db().device.create({
      data: { serialNumber: `BENCH-${randomUUID().slice(0, 8)}`, name: "Bench sensor", type: "sensor", model: "BENCH", price: "1.00" },
    });
    ids.push(d.id);
  }
  await markUnitsDelivered(ids, { system: "bench" });
  return ids;
}

/** Every stored reading of these devices, and how many distinct messageIds among them. */
async function countByMessageId(mongo: MongoClient, ids: number[]): Promise<{ total: number; distinct: number }> {
  const col = mongo.db().collection("monitoring_data");
  const docs = (await Promise.all(ids.map((id) => col.find({ device_id: id }, { projection: { messageId: 1, _id: 0 } }).toArray()))).flat();
  return { total: docs.length, distinct: new Set(docs.map((d) => d.messageId)).size };
}

interface EndToEnd {
  rate: number;
  publishRate: number;
  published: number;
  seconds: number;
  lost: number;
  duplicated: number;
  maxBacklog: number;
}

async function endToEnd(mongo: MongoClient, ids: number[]): Promise<EndToEnd> {
  const link = new AmqpLink(cfg.RABBITMQ_URL, { name: "bench", reconnect: false });
  const ch = await link.channel();
  const devices = ids.map((id) => new SimDevice(id));
  let stored = 0;
  let lastWrite = 0;
  const worker = startWorker((n) => {
    stored += n;
    lastWrite = Date.now();
  });
  await sleep(3000); // let the worker connect; its start-up is not ingest time
  const perMessage = 100;
  const started = Date.now();
  const until = started + SUSTAIN_SEC * 1000;
  let published = 0;
  let maxBacklog = 0;
  const inflight: Promise<void>[] = [];
  for (let m = 0; Date.now() < until; m++) {
    // A bounded backlog: the rate measured is what the worker sustains, not how fast a queue fills.
    while (published - stored > BACKLOG) await sleep(5);
    maxBacklog = Math.max(maxBacklog, published - stored);
    const device = devices[m % devices.length];
    const now = Date.now();
    const readings = Array.from({ length: perMessage }, (_, i) => ({ ...readingSchema.parse(device.next(now - 1000 + i)!), messageId: randomUUID(), receivedAt: new Date() }));
    inflight.push(publishConfirmed(ch, EXCHANGE, telemetryKey(device.deviceId), Buffer.from(JSON.stringify(toMessageJson(device.deviceId, readings)))));
    published += perMessage;
    if (inflight.length >= 50) await Promise.all(inflight.splice(0));
  }
  await Promise.all(inflight);
  const publishRate = published / ((Date.now() - started) / 1000);
  // Drain: the worker's flush lines say when the last reading is written (counting on FerretDB is slow).
  const drainDeadline = Date.now() + 300_000;
  while (stored < published && Date.now() < drainDeadline) await sleep(20);
  const rate = stored / ((lastWrite - started) / 1000);
  worker.kill("SIGTERM");
  await new Promise((r) => worker.once("exit", r));
  await link.close();
  const counted = await countByMessageId(mongo, ids);
  return { rate, publishRate, published, seconds: (lastWrite - started) / 1000, lost: published - counted.distinct, duplicated: counted.total - counted.distinct, maxBacklog };
}

let mongoForMqtt: MongoClient | undefined;

async function httpIngest(ids: number[]): Promise<{ rate: number; p99Ms: number; statuses: Record<number, number>; mqtt: MqttFigures } | string> {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(`${distDir}/BUILD_ID`)) return `skipped: no production build in ${distDir} (run next build)`;
  const port = values["http-port"]!;
  const server = spawn("npx", ["next", "start", "-p", port], {
    env: { ...process.env, INGEST_RATE_PER_SEC: "1000000", INGEST_BURST: "1000000" },
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 60; i++) {
      if (await fetch(`${base}/api/auth/csrf`).then((r) => r.ok, () => false)) break;
      await sleep(1000);
    }
    const tokens = await Promise.all(ids.map(async (id) => (await issueDeviceCredential(null, id)).token));
    const devices = ids.map((id) => new SimDevice(id));
    const statuses: Record<number, number> = {};
    let accepted = 0;
    const latencies: number[] = [];
    const until = Date.now() + HTTP_SECONDS * 1000;
    const started = Date.now();
    await Promise.all(
      devices.map(async (device, i) => {
        while (Date.now() < until) {
          const now = Date.now();
          const readings = Array.from({ length: 100 }, (_, k) => device.next(now - 2000 + k)!);
          const sent = performance.now();
          const res = await fetch(`${base}/api/ingest`, {
            method: "POST",
            headers: { authorization: `Bearer ${tokens[i]}`, "content-type": "application/json" },
            body: JSON.stringify({ readings }),
          });
          await res.arrayBuffer();
          latencies.push(performance.now() - sent);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status === 202) accepted += 100;
        }
      }),
    );
    const rate = accepted / ((Date.now() - started) / 1000);
    latencies.sort((a, b) => a - b);
    const p99Ms = Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0);
    // The HTTP readings are not stored by this run: drop them before the MQTT phase counts.
    const link = new AmqpLink(cfg.RABBITMQ_URL, { name: "bench-cleanup", reconnect: false });
    await (await link.channel()).purgeQueue("queue_data_ingestion");
    await link.close();
    const mqttIds = await newFieldDevices(MQTT_DEVICES);
    const mqtt = await mqttIngest({
      appUrl: base,
      host: cfg.MQTT_HOST,
      port: cfg.MQTT_PORT,
      ids: mqttIds,
      perDevice: MQTT_PER_DEVICE,
      startWorker,
      countStored: (ids) => countByMessageId(mongoForMqtt!, ids),
    });
    return { rate, p99Ms, statuses, mqtt };
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
}

async function main() {
  const mongo = new MongoClient(cfg.MONGODB_URL);
  await mongo.connect();
  mongoForMqtt = mongo;
  // The bench's own database, emptied: device ids restart with the reset PostgreSQL database, and
  // an earlier run's readings under the same ids would count as this run's.
  await mongo.db().dropDatabase();
  await prepareMonitoringStore(mongo.db());
  console.log(`MongoDB-compatible server: ${cfg.MONGODB_URL}; ${fmt(N)} readings, ${D} devices`);

  const ceiling = await rawCeiling(mongo);
  console.log(`raw insertMany ceiling (batches of ${cfg.WORKER_BATCH_SIZE}, ${cfg.WORKER_CONCURRENCY} in flight as the worker, same indexes): ${fmt(ceiling)} docs/s`);

  const ids = await newFieldDevices(D);
  const e2e = await endToEnd(mongo, ids);
  console.log(
    `end to end (AMQP → worker → MongoDB): ${fmt(e2e.rate)} readings/s over ${e2e.seconds.toFixed(0)} s, ${fmt(e2e.published)} readings ` +
      `(publishing ran at ${fmt(e2e.publishRate)}/s, backlog ≤ ${fmt(e2e.maxBacklog)}); lost ${e2e.lost}, duplicated ${e2e.duplicated}`,
  );
  console.log(`ratio to the raw ceiling: ${Math.round((e2e.rate / ceiling) * 100)}%`);
  recordResults({
    "ingest.msgsPerSec": Math.round(e2e.rate),
    "ingest.ceilingMsgsPerSec": Math.round(ceiling),
    "ingest.ratio": Math.round((e2e.rate / ceiling) * 100) / 100,
    "ingest.lost": e2e.lost,
    "ingest.duplicated": e2e.duplicated,
    "ingest.seconds": Math.round(e2e.seconds),
  });

  const http = values["skip-http"] ? "skipped (--skip-http)" : await httpIngest(ids);
  if (typeof http === "string") console.log(`HTTP ingest: ${http}`);
  else {
    console.log(`HTTP ingest, batches of 100, ${D} devices in parallel: ${fmt(http.rate)} readings/s accepted (202), p99 ${http.p99Ms} ms; statuses ${JSON.stringify(http.statuses)}`);
    recordResults({ "httpIngest.readingsPerSec": Math.round(http.rate), "httpIngest.p99Ms": http.p99Ms });
    const m = http.mqtt;
    console.log(
      `MQTT ingest, QoS 1, one reading per PUBLISH, ${m.devices} sessions: ${fmt(m.acceptedPerSec)} readings/s acknowledged, ` +
        `mqtt.readingsPerSec ${fmt(m.readingsPerSec)} stored end to end, mqtt.lost ${m.lost}, mqtt.duplicated ${m.duplicated}, sessions re-opened ${m.reconnects} ` +
        `(${Math.round((m.readingsPerSec / e2e.rate) * 100)}% of the AMQP end-to-end rate, ${Math.round((m.acceptedPerSec / http.rate) * 100)}% of HTTP batch ingest)`,
    );
  }
  // The HTTP readings are not stored by this run; drop them from the bench vhost's queue.
  const link = new AmqpLink(cfg.RABBITMQ_URL, { name: "bench-cleanup", reconnect: false });
  await (await link.channel()).purgeQueue("queue_data_ingestion");
  await link.close();

  await mongo.close();
  await db().$disconnect();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
