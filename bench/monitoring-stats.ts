/**
 * Benchmark: GET /api/monitoring/stats for one device over 7 days at 1 h buckets, with a million
 * readings' worth of rollups stored for it (what the worker writes for 1,000,000 readings spread
 * over 7 days: 1-minute, 1-hour and 1-day rollups of five metrics, ~51,000 documents), plus a
 * sample of 20,000 raw readings. The rollup documents are inserted directly (writing a million
 * readings through the pipeline would take the whole run); the stats read never touches raw
 * readings anyway. Baselines from the same run: GET /api/auth/csrf (no database) and the same
 * stats call over 15 minutes at 1 m buckets.
 *
 *   npx tsx bench/monitoring-stats.ts      (its own production server on fresh databases)
 *   BENCH_BASE_URL=http://127.0.0.1:3120 MONGODB_URL=… npx tsx bench/monitoring-stats.ts   (an existing server)
 *
 * Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (10).
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { MongoClient } from "mongodb";
import { prepareMonitoringStore } from "@/lib/monitoring/store-setup";
import { migrate } from "@/scripts/migrate";
import { bucketStart, BUCKETS, rollupId } from "@/lib/telemetry/rollups";
import { METRICS } from "@/lib/telemetry/schema";
import { benchEnv, load, report, startApp, stop } from "./harness";
import { recordResults } from "./results-file";

const OWN_SERVER = !process.env.BENCH_BASE_URL;
const OWN_PORT = 3503;
const OWN_DB = "device_store_bench_stats";
const BASE_URL = process.env.BENCH_BASE_URL ?? `http://127.0.0.1:${OWN_PORT}`;
const MONGODB_URL = OWN_SERVER ? benchEnv(OWN_PORT, OWN_DB).MONGODB_URL : (process.env.MONGODB_URL ?? "mongodb://127.0.0.1:27017/device_monitoring");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const READINGS = 1_000_000;
const DAYS = 7;

async function json(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const res = await fetch(`${BASE_URL}${path}`, { ...init, headers });
  return { status: res.status, body: await res.json() };
}

async function seed(deviceId: number, mongo: MongoClient) {
  const db = mongo.db();
  const end = bucketStart(new Date(), 60_000).getTime();
  const start = end - DAYS * 86_400_000;
  const perMinute = READINGS / (DAYS * 1440);
  const docs = new Map<string, { _id: string; device_id: number; metric: string; size: string; start: Date; count: number; sum: number; min: number; max: number }>();
  for (let t = start; t < end; t += 60_000) {
    for (const metric of METRICS) {
      const value = 20 + 10 * Math.sin(t / 3_600_000);
      for (const b of BUCKETS) {
        const s = bucketStart(new Date(t), b.ms);
        const id = rollupId(deviceId, metric, b.size, s);
        const have = docs.get(id);
        const count = Math.round(perMinute);
        if (have) {
          have.count += count;
          have.sum += value * count;
          have.min = Math.min(have.min, value - 1);
          have.max = Math.max(have.max, value + 1);
        } else docs.set(id, { _id: id, device_id: deviceId, metric, size: b.size, start: s, count, sum: value * count, min: value - 1, max: value + 1 });
      }
    }
  }
  const all = [...docs.values()];
  for (let i = 0; i < all.length; i += 1000) await db.collection("monitoring_rollups").insertMany(all.slice(i, i + 1000) as never[], { ordered: false });
  const raw = Array.from({ length: 20_000 }, (_, i) => {
    const at = new Date(end - i * 30_000);
    return { messageId: randomUUID(), device_id: deviceId, timestamp: at, receivedAt: at, metrics: { temperature: 21, humidity: 40 } };
  });
  for (let i = 0; i < raw.length; i += 1000) await db.collection("monitoring_data").insertMany(raw.slice(i, i + 1000), { ordered: false });
  return all.length;
}

async function main() {
  let server: ChildProcess | undefined;
  if (OWN_SERVER) {
    await migrate(benchEnv(OWN_PORT, OWN_DB).DATABASE_URL, { reset: true, quiet: true });
    // Its own MongoDB database too, emptied: device ids restart with the PostgreSQL reset, and an
    // earlier run's rollups under the same ids and buckets would collide with this run's seed.
    const fresh = new MongoClient(MONGODB_URL);
    await fresh.db().dropDatabase();
    await fresh.close();
    spawnSync("npx", ["tsx", "scripts/seed.ts"], { env: benchEnv(OWN_PORT, OWN_DB), stdio: "inherit" });
    server = await startApp(OWN_PORT, OWN_DB);
  }
  const mongo = new MongoClient(MONGODB_URL);
  try {
    const admin = await json("/api/auth/token", { method: "POST", body: JSON.stringify({ email: process.env.ADMIN_EMAIL ?? "admin@example.com", password: process.env.ADMIN_PASSWORD ?? "admin-demo-password" }) });
    if (admin.status !== 201) throw new Error(`admin token: ${admin.status}`);
    const token = admin.body.token as string;
    const device = await json("/api/devices", { method: "POST", token, body: JSON.stringify({ serialNumber: `BENCH-STATS-${randomUUID().slice(0, 8)}`, name: "Stats bench", type: "sensor", model: "BENCH", price: "1.00" }) });
    if (device.status !== 201) throw new Error(`device: ${device.status} ${JSON.stringify(device.body)}`);
    const id = device.body.id as number;
    const rollups = await seed(id, mongo);
    console.log(`seeded ${rollups} rollup documents (${READINGS} readings over ${DAYS} days) and 20,000 raw readings for device ${id}`);
    // The indexes the worker makes at start (there is no worker here).
    console.log("monitoring store:", JSON.stringify(await prepareMonitoringStore(mongo.db())));

    const headers = { authorization: `Bearer ${token}` };
    const weekFrom = new Date(Date.now() - DAYS * 86_400_000).toISOString();
    const check = await json(`/api/monitoring/stats?deviceId=${id}&metric=temperature&interval=1h&from=${weekFrom}`, { token });
    const counted = (check.body.buckets as { count: number }[]).reduce((s, b) => s + b.count, 0);
    if (check.status !== 200 || counted < READINGS * 0.95) throw new Error(`stats answer looks wrong: ${check.status}, ${counted} readings`);

    const opts = { connections: CONNECTIONS, durationSec: SECONDS, headers };
    const baseline = await load("GET /api/auth/csrf (no database)", { ...opts, url: `${BASE_URL}/api/auth/csrf` });
    const short = await load("stats 15 min @ 1m", { ...opts, url: `${BASE_URL}/api/monitoring/stats?deviceId=${id}&metric=temperature&interval=1m&from=${new Date(Date.now() - 900_000).toISOString()}` });
    const week = await load("stats 7 d @ 1h", { ...opts, url: `${BASE_URL}/api/monitoring/stats?deviceId=${id}&metric=temperature&interval=1h&from=${weekFrom}` });
    if (week.non2xx || week.errors) throw new Error(`stats answered ${week.non2xx} non-2xx and ${week.errors} errors`);
    report("monitoring stats", baseline, [short, week], { stats: { p99Ms: week.p99Ms, p50Ms: week.p50Ms, rollupDocs: rollups, readings: READINGS } });
    // A run shorter than one call answers nothing: no figure rather than a latency of 0.
    const answered = week.total > 0;
    if (!answered) console.log(`no 7-day stats call completed within ${SECONDS} s: stats.p99Ms is left empty`);
    recordResults({
      "stats.p99Ms": answered ? week.p99Ms : null,
      "stats.p50Ms": answered ? week.p50Ms : null,
      "stats.baselineP99Ms": baseline.p99Ms,
      "stats.p99VsBaseline": answered ? Math.round((week.p99Ms / Math.max(baseline.p99Ms, 1)) * 100) / 100 : null,
      "stats.rollupDocs": rollups,
    });
    console.log(`stats.p99Ms = ${week.p99Ms} (aim ≤ 50 ms); 15-minute call p99 ${short.p99Ms} ms; baseline p99 ${baseline.p99Ms} ms`);
  } finally {
    await mongo.close();
    if (server) stop(server);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
