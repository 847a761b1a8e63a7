import { spawn, type ChildProcess } from "node:child_process";
import amqp from "amqplib";
import { MongoClient } from "mongodb";
import { markUnitsDelivered } from "@/lib/provisioning/fleet";
import { api, adminToken, newDevice } from "./helpers";

/** Telemetry integration tests: the real broker, FerretDB and a worker spawned as a child process. */
export const MONGODB_URL = process.env.MONGODB_URL ?? "mongodb://127.0.0.1:27017/device_monitoring_test";
export const RABBITMQ_URL = process.env.RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672/device_store_test";

let mongoClient: MongoClient | undefined;
export function mongo() {
  mongoClient ??= new MongoClient(MONGODB_URL, { serverSelectionTimeoutMS: 10_000 });
  return mongoClient.db();
}
export const readings = () => mongo().collection("monitoring_data");

// One query per device: FerretDB pushes an equality on device_id down to PostgreSQL, but not $in.
export async function countFor(ids: number[]): Promise<number> {
  const counts = await Promise.all(ids.map((id) => readings().countDocuments({ device_id: id })));
  return counts.reduce((a, b) => a + b, 0);
}

export async function docsFor(ids: number[]) {
  return (await Promise.all(ids.map((id) => readings().find({ device_id: id }).toArray()))).flat();
}

export interface Worker {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process exits. */
  exited: Promise<number | null>;
}

export function startWorker(env: Record<string, string> = {}): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/telemetry-worker.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

export const isRunning = (worker: Worker | undefined) =>
  worker !== undefined && worker.child.exitCode === null && worker.child.signalCode === null;

export async function stopWorker(worker: Worker | undefined, signal: NodeJS.Signals = "SIGTERM") {
  if (!isRunning(worker)) return;
  worker!.child.kill(signal);
  await worker!.exited;
}

/** Polls until `check` returns a truthy value; fails with `what` (and `detail()`, e.g. a worker's log) after `ms`. */
export async function waitFor<T>(what: string, check: () => Promise<T>, ms = 60_000, detail?: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  const extra = detail ? `\n${detail().slice(-4000)}` : "";
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})${extra}`);
}

/** A new unit, delivered (sold), with a device token. */
export async function fieldDevice(opts: { delivered?: boolean } = {}) {
  const device = await newDevice();
  // The test database is reset per run but MongoDB is not: clear what an earlier run stored under this id.
  await readings().deleteMany({ device_id: device.id });
  await mongo().collection("monitoring_rollups").deleteMany({ device_id: device.id });
  if (opts.delivered !== false) await markUnitsDelivered([device.id], { system: "test" });
  const res = await api("/api/devices/" + device.id + "/credentials", { method: "POST", token: await adminToken() });
  if (res.status !== 201) throw new Error(`credentials failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: device.id, token: res.body.token as string, prefix: res.body.prefix as string };
}

let seq = 0;
/** A plausible reading; `i` makes each one distinguishable. */
export function reading(i = seq++, at = Date.now() - 1000) {
  return {
    timestamp: new Date(at).toISOString(),
    metrics: { temperature: 20 + (i % 100) / 10, humidity: 40 + (i % 50), cpu_usage: i % 100, memory_usage: 30, battery_level: 99 },
    location: { lat: 48.1 + (i % 10) / 1000, lng: 11.5 },
    raw_data: { seq: i },
  };
}

export const ingest = (token: string, json: unknown) => api("/api/ingest", { method: "POST", token, json });

/** Messages waiting in a queue of the test vhost. */
export async function queueDepth(queue: string): Promise<number> {
  const conn = await amqp.connect(RABBITMQ_URL);
  try {
    const ch = await conn.createChannel();
    return (await ch.checkQueue(queue)).messageCount;
  } finally {
    await conn.close();
  }
}

export async function closeTelemetryClients() {
  await mongoClient?.close();
  mongoClient = undefined;
}
