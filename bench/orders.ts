/**
 * Benchmark: POST /api/orders under many customers ordering at once from a stock of 10,000
 * units, with zero oversells verified in SQL afterwards, next to baselines measured in the same
 * run: the same writes through bare pg (a node:http server running the service's own statements,
 * lib/orders/place-order.ts orderSql, with no framework, auth or validation), and on the same
 * server GET /api/auth/csrf (no database) and GET /api/orders?limit=1 (an authenticated read).
 * Fields: api.create.* in bench/results/latest.json. Not part of `npm test`.
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
import http from "node:http";
import { orderSql } from "@/lib/orders/place-order";
import { migrate } from "@/scripts/migrate";
import { benchEnv, startApp, stop } from "./harness";
import { recordResults } from "./results-file";

const OWN_SERVER = !process.env.BENCH_BASE_URL;
const OWN_PORT = 3502;
const OWN_DB = "device_store_bench_orders";
const BASE_URL = process.env.BENCH_BASE_URL ?? `http://127.0.0.1:${OWN_PORT}`;
const DATABASE_URL = OWN_SERVER ? benchEnv(OWN_PORT, OWN_DB).DATABASE_URL : (process.env.DATABASE_URL ?? "");
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 50);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? (process.argv.includes("--quick") ? 3 : 15));
const BASELINE_PORT = 3512;
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

/**
 * The baseline: one order per POST for the customer named in `x-customer`, as the service's
 * transaction (lock the customer and pick, then one write that also checks the customer's
 * limits) on a pool of the service's size, and nothing else.
 */
// The app under test runs with the account limits raised out of the way (bench/harness.ts); so does this.
const LIMIT_OFF = 1_000_000_000;
function startBaseline(stockModel: string) {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
  const run = (q: { text: string; values: unknown[] }, client: pg.PoolClient) => client.query(q.text, q.values);
  const server = http.createServer(async (req, res) => {
    for await (const chunk of req) void chunk;
    const customerId = Number(req.headers["x-customer"]);
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const { rows: units } = await run(orderSql.pickProduct({ type: "sensor", model: stockModel, quantity: 1 }, [], customerId), client);
      if (units.length < 1) throw new Error("out of stock");
      const limits = { customerId, maxPendingUnits: LIMIT_OFF, maxOrdersPerHour: LIMIT_OFF };
      const unit = [{ id: units[0].id, price: units[0].price }];
      const { rows: [order] } = await run(orderSql.write({ id: customerId, email: `customer-${customerId}` }, "1 Benchmark Way", unit, units[0].price, limits), client);
      if (!order) throw new Error("refused");
      await client.query("COMMIT");
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(order));
    } catch (error) {
      await client.query("ROLLBACK");
      res.writeHead(409).end(String(error));
    } finally {
      client.release();
    }
  });
  return new Promise<{ close: () => Promise<void> }>((resolve) =>
    server.listen(BASELINE_PORT, "127.0.0.1", () => resolve({ close: async () => (server.close(), await pool.end()) })),
  );
}

/** Only units of a published product are for sale. */
const publishBenchProduct = (benchModel: string) =>
  db.query(
    `INSERT INTO t_products (type, model, name, published, updated_at) VALUES ('sensor', $1, 'Bench Sensor', true, now())
     ON CONFLICT (type, model) DO UPDATE SET published = true`,
    [benchModel],
  );

async function main() {
  if (OWN_SERVER) {
    await migrate(DATABASE_URL, { reset: true, quiet: true });
    // npm run bench builds .next-bench once (bench/devices-list.ts) and says so; run alone, this
    // builds it, so what is measured is the code as it is now.
    app = await startApp(OWN_PORT, OWN_DB, { build: !(process.env.BENCH_BUILT === "1" && existsSync(".next-bench/BUILD_ID")) });
  }
  console.log(`server ${BASE_URL}, database ${new URL(DATABASE_URL).pathname.slice(1)}, ${CUSTOMERS} customers, ${CONNECTIONS} connections, ${SECONDS}s per run`);
  await db.query(
    `INSERT INTO t_devices (serial_number, name, type, model, price, status, specifications, updated_at)
     SELECT $1 || '-' || lpad(g::text, 5, '0'), 'Bench Sensor', 'sensor', $2, 12.34, 'in_stock', '{}', now()
     FROM generate_series(1, $3::int) g`,
    [`SN-${model}`, model, STOCK],
  );
  await publishBenchProduct(model);
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
  // The same writes through bare pg, on a stock of their own so both sides start from STOCK units.
  await db.query(
    `INSERT INTO t_devices (serial_number, name, type, model, price, status, specifications, updated_at)
     SELECT $1 || '-' || lpad(g::text, 5, '0'), 'Bench Sensor', 'sensor', $2, 12.34, 'in_stock', '{}', now()
     FROM generate_series(1, $3::int) g`,
    [`SN-${model}-BASE`, `${model}-BASE`, STOCK],
  );
  await publishBenchProduct(`${model}-BASE`);
  const baselineServer = await startBaseline(`${model}-BASE`);
  let n = 0;
  const bareWrites = summary(
    "baseline: same writes, bare pg",
    await autocannon({
      url: `http://127.0.0.1:${BASELINE_PORT}`,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ method: "POST", path: "/", setupRequest: (req) => ({ ...req, headers: { ...req.headers, "x-customer": String(customers[n++ % customers.length].id) } }) }],
    }),
  );
  await baselineServer.close();
  console.log(`${bareWrites.name.padEnd(34)} ${String(bareWrites.rps).padStart(6)} req/s  p50 ${bareWrites.p50} ms  p99 ${bareWrites.p99} ms  (${bareWrites.total} requests, ${JSON.stringify(bareWrites.statusCodes)})`);
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
       (SELECT count(DISTINCT oi.order_id)::int FROM t_order_items oi JOIN t_devices d ON d.id = oi.device_id
         JOIN t_orders o ON o.id = oi.order_id WHERE d.model = $2 AND o.customer_id = ANY($1::int[])) AS orders,
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
  console.log(`ratio: POST /api/orders throughput = ${(orders.rps / bareWrites.rps).toFixed(2)} × the same writes through bare pg, ${(orders.rps / csrf.rps).toFixed(2)} × GET /api/auth/csrf, ${(orders.rps / read.rps).toFixed(2)} × GET /api/orders?limit=1; p99 ${orders.p99} ms vs ${bareWrites.p99} / ${csrf.p99} / ${read.p99} ms`);
  recordResults({
    "api.create.rps": orders.rps,
    "api.create.p99Ms": orders.p99,
    "api.create.baselineRps": bareWrites.rps,
    "api.create.ratio": Math.round((orders.rps / bareWrites.rps) * 100) / 100,
    "api.create.oversold": oversold,
  });

  await mkdir("bench/results", { recursive: true });
  const file = `bench/results/orders-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  await writeFile(file, JSON.stringify({ runId, model, stock: STOCK, customers: CUSTOMERS, connections: CONNECTIONS, seconds: SECONDS, csrf, read, bareWrites, orders, check, oversold, consistent }, null, 2));
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
