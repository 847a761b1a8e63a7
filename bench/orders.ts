/**
 * Benchmark: POST /api/orders under many customers ordering at once from a stock of 10,000
 * units, with zero oversells verified in SQL afterwards, next to two baselines measured on the
 * same server in the same run (GET /api/auth/csrf — no database; GET /api/orders?limit=1 — an
 * authenticated read). Not part of `npm test`.
 *
 *   npx tsx bench/orders.ts      (starts its own production server on a fresh benchmark database)
 *   BENCH_BASE_URL=http://127.0.0.1:3300 DATABASE_URL=postgresql://…/db npx tsx bench/orders.ts   (an existing server)
 *
 * Environment: BENCH_CUSTOMERS (50), BENCH_CONNECTIONS (50), BENCH_SECONDS (15), BENCH_STOCK (10000).
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import autocannon, { type Request as BenchRequest, type Result } from "autocannon";
import pg from "pg";
import { migrate } from "@/scripts/migrate";
import { benchEnv, startApp, stop } from "./harness";

const OWN_SERVER = !process.env.BENCH_BASE_URL;
const OWN_PORT = 3502;
const OWN_DB = "device_store_bench_orders";
const BASE_URL = process.env.BENCH_BASE_URL ?? `http://127.0.0.1:${OWN_PORT}`;
const DATABASE_URL = OWN_SERVER ? benchEnv(OWN_PORT, OWN_DB).DATABASE_URL : (process.env.DATABASE_URL ?? "");
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 50);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const STOCK = Number(process.env.BENCH_STOCK ?? 10_000);

const db = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
const runId = randomUUID().slice(0, 8).toUpperCase();
const model = `BENCH-${runId}`;

async function post(path: string, body: unknown) {
  const res = await fetch(`${BASE_URL}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

async function newCustomer(i: number): Promise<{ id: number; token: string }> {
  const email = `bench-${runId.toLowerCase()}-${i}@example.com`;
  const password = "bench-password-1";
  const reg = await post("/api/auth/register", { email, password, name: `Bench ${i}` });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`);
  const tok = await post("/api/auth/token", { email, password });
  if (tok.status !== 201) throw new Error(`token: ${tok.status}`);
  return { id: reg.body.id, token: tok.body.token };
}

/** Round-robin over the customers' tokens: every request comes from "someone else". */
function rotating(tokens: string[], base: BenchRequest): BenchRequest {
  let n = 0;
  return {
    ...base,
    setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[n++ % tokens.length]}` } }),
  };
}

const summary = (name: string, r: Result) => ({
  name,
  rps: Math.round(r.requests.average),
  p50: r.latency.p50,
  p99: r.latency.p99,
  max: r.latency.max,
  total: r.requests.total,
  ok: r["2xx"],
  non2xx: r.non2xx,
  errors: r.errors,
  statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
});

async function run(name: string, requests: BenchRequest[], seconds = SECONDS) {
  const result = await autocannon({ url: BASE_URL, connections: CONNECTIONS, duration: seconds, timeout: 60, requests });
  const s = summary(name, result);
  console.log(`${name.padEnd(34)} ${String(s.rps).padStart(6)} req/s  p50 ${s.p50} ms  p99 ${s.p99} ms  (${s.total} requests, ${JSON.stringify(s.statusCodes)})`);
  return s;
}

let app: ChildProcess | undefined;

async function main() {
  if (OWN_SERVER) {
    await migrate(DATABASE_URL, { reset: true, quiet: true });
    // bench/devices-list.ts builds .next-bench first when both run (npm run bench).
    app = await startApp(OWN_PORT, OWN_DB, { build: !existsSync(".next-bench/BUILD_ID") });
  }
  console.log(`server ${BASE_URL}, database ${new URL(DATABASE_URL).pathname.slice(1)}, ${CUSTOMERS} customers, ${CONNECTIONS} connections, ${SECONDS}s per run`);
  await db.query(
    `INSERT INTO t_devices (serial_number, name, type, model, price, status, specifications, updated_at)
     SELECT $1 || '-' || lpad(g::text, 5, '0'), 'Bench Sensor', 'sensor', $2, 12.34, 'in_stock', '{}', now()
     FROM generate_series(1, $3::int) g`,
    [`SN-${model}`, model, STOCK],
  );
  console.log(`stock: ${STOCK} units of sensor ${model}`);
  const customers: { id: number; token: string }[] = [];
  for (let i = 0; i < CUSTOMERS; i += 10) {
    customers.push(...(await Promise.all(Array.from({ length: Math.min(10, CUSTOMERS - i) }, (_, k) => newCustomer(i + k)))));
  }
  const tokens = customers.map((c) => c.token);
  const orderBody = JSON.stringify({ items: [{ type: "sensor", model, quantity: 1 }], shippingAddress: "1 Benchmark Way, Loadtown" });
  const placeOrder = rotating(tokens, { method: "POST", path: "/api/orders", headers: { "content-type": "application/json" }, body: orderBody });
  const readOrders = rotating(tokens, { method: "GET", path: "/api/orders?limit=1" });

  // Warm-up so that neither side pays for first-request compilation or pool start.
  await autocannon({ url: BASE_URL, connections: 4, duration: 2, requests: [{ method: "GET", path: "/api/auth/csrf" }] });
  await autocannon({ url: BASE_URL, connections: 4, duration: 2, requests: [readOrders] });

  const csrf = await run("baseline GET /api/auth/csrf", [{ method: "GET", path: "/api/auth/csrf" }]);
  const read = await run("baseline GET /api/orders?limit=1", [readOrders]);
  const orders = await run("POST /api/orders (1 unit each)", [placeOrder]);

  // Requests still in flight at the deadline finish on the server: wait until the count settles.
  const ids = customers.map((c) => c.id);
  const countOrders = async () => (await db.query("SELECT count(*)::int AS n FROM t_orders WHERE customer_id = ANY($1::int[])", [ids])).rows[0].n;
  for (let last = -1, now = await countOrders(); now !== last; ) {
    await new Promise((r) => setTimeout(r, 1000));
    [last, now] = [now, await countOrders()];
  }

  // Zero oversells: every unit sits in at most one order, reserved units = items = 201s.
  const { rows: [check] } = await db.query(
    `SELECT
       (SELECT count(*)::int FROM t_orders WHERE customer_id = ANY($1::int[])) AS orders,
       (SELECT count(*)::int FROM t_order_items oi JOIN t_devices d ON d.id = oi.device_id WHERE d.model = $2) AS items,
       (SELECT count(DISTINCT oi.device_id)::int FROM t_order_items oi JOIN t_devices d ON d.id = oi.device_id WHERE d.model = $2) AS distinct_units,
       (SELECT count(*)::int FROM t_devices WHERE model = $2 AND status = 'reserved') AS reserved,
       (SELECT count(*)::int FROM t_devices WHERE model = $2 AND status = 'in_stock') AS in_stock`,
    [ids, model],
  );
  const oversold = check.items - check.distinct_units;
  // autocannon stops counting at the deadline while up to one request per connection is still in
  // flight; those orders are real, so the database may hold up to CONNECTIONS more than the 201s seen.
  const consistent =
    check.orders === check.items &&
    check.reserved === check.items &&
    check.in_stock === STOCK - check.items &&
    check.orders >= orders.ok &&
    check.orders <= orders.ok + CONNECTIONS;
  console.log(`verification: ${orders.ok} orders answered 201; ${check.orders} orders, ${check.items} items, ${check.distinct_units} distinct units, ${check.reserved} reserved, ${check.in_stock} still in stock`);
  console.log(`oversold units: ${oversold}; bookkeeping consistent: ${consistent}`);
  console.log(`ratio: POST /api/orders throughput = ${(orders.rps / csrf.rps).toFixed(2)} × GET /api/auth/csrf, ${(orders.rps / read.rps).toFixed(2)} × GET /api/orders?limit=1; p99 ${orders.p99} ms vs ${csrf.p99} / ${read.p99} ms`);

  await mkdir("bench/results", { recursive: true });
  const file = `bench/results/orders-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  await writeFile(file, JSON.stringify({ runId, model, stock: STOCK, customers: CUSTOMERS, connections: CONNECTIONS, seconds: SECONDS, csrf, read, orders, check, oversold, consistent }, null, 2));
  console.log(`results written to ${file}`);
  await db.end();
  if (app) stop(app);
  if (oversold !== 0 || !consistent) process.exit(1);
}

main().catch(async (error) => {
  console.error(error);
  await db.end().catch(() => {});
  if (app) stop(app);
  process.exit(1);
});
