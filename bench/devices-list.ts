/**
 * The inventory list, 10,000 devices, 50 connections, each next to a bare node:http + pg server
 * running the same SQL in the same run (page query, and the total counted with the same
 * short-lived reuse, lib/read-cache.ts), plus the admin's inventory page.
 *   npx tsx bench/devices-list.ts [--quick] [--no-build]
 * --no-build reuses the last build (.next-bench), e.g. to compare migrations on the same code.
 * BENCH_DB, BENCH_APP_PORT and BENCH_BASELINE_PORT move it off device_store_bench, 3500 and 3501;
 * BENCH_Q replaces the filtered run's q.
 * Fields: api.list.*, api.listFiltered.*, page.devices.* in bench/results/latest.json.
 */
import http from "node:http";
import pg from "pg";
import { cachedRead } from "@/lib/read-cache";
import { migrate } from "@/scripts/migrate";
import { browserSignIn } from "@/tests/security/helpers";
import { benchEnv, load, report, startApp, stop } from "./harness";
import { recordResults } from "./results-file";

// Overridable so two runs (two worktrees) on one machine don't share a database or ports.
const DB = process.env.BENCH_DB ?? "device_store_bench";
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3500);
const BASE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? APP_PORT + 1);
const DEVICES = 10_000;
const QUICK = process.argv.includes("--quick");
const CONNECTIONS = 50;
const SECONDS = QUICK ? 3 : 10;

async function prepare() {
  const url = benchEnv(APP_PORT, DB).DATABASE_URL;
  await migrate(url, { reset: true, quiet: true });
  const pool = new pg.Pool({ connectionString: url });
  // One statement, so all 10,000 share a created_at, as after a CSV import.
  await pool.query(
    `INSERT INTO t_devices (serial_number, name, type, model, price, status, updated_at)
     SELECT 'BENCH-' || lpad(g::text, 6, '0'), 'Bench device ' || g, (ARRAY['sensor','gateway','tracker'])[1 + g % 3],
            'M-' || (g % 20), (g % 500) + 0.99,
            (ARRAY['in_stock','in_stock','in_stock','reserved','sold','deployed'])[1 + g % 6], now()
       FROM generate_series(1, $1) g`,
    [DEVICES],
  );
  // VACUUM as autovacuum would soon after a bulk load: it also moves the rows out of the GIN
  // indexes' pending list and gives the planner their statistics (ANALYZE alone does neither).
  await pool.query("VACUUM ANALYZE t_devices");
  return pool;
}

// The SQL the service sends (lib/inventory/service.ts via Prisma), written out.
const COLUMNS = "id, serial_number, name, type, model, description, price, status, specifications, last_seen_at, deployed_at, connectivity, connectivity_changed_at, created_at, updated_at";
const SEARCH = "(name ILIKE $2 OR model ILIKE $2 OR serial_number ILIKE $2)";

/** The baseline: the same queries with no framework, auth or validation. `/?status=…&q=…` filters. */
function startBaseline(pool: pg.Pool) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const status = url.searchParams.get("status");
    const q = url.searchParams.get("q");
    const [where, params] = status && q ? [`WHERE status = $1 AND ${SEARCH}`, [status, `%${q}%`]] : ["", []];
    const [page, total] = await Promise.all([
      pool.query(`SELECT ${COLUMNS} FROM t_devices ${where} ORDER BY created_at DESC, id DESC LIMIT 26`, params),
      cachedRead(`baseline:${where}:${params.join()}`, async () => (await pool.query(`SELECT count(*)::int AS n FROM t_devices ${where}`, params)).rows[0].n),
    ]);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ items: page.rows.slice(0, 25), total, nextCursor: "x" }));
  });
  return new Promise<http.Server>((resolve) => server.listen(BASE_PORT, "127.0.0.1", () => resolve(server)));
}

async function main() {
  const pool = await prepare();
  const baselineServer = await startBaseline(pool);
  const app = await startApp(APP_PORT, DB, { build: !process.argv.includes("--no-build") });
  try {
    const { ensureAdmin, issueApiToken } = await import("@/lib/auth/users");
    process.env.DATABASE_URL = benchEnv(APP_PORT, DB).DATABASE_URL;
    const { user: admin } = await ensureAdmin("bench-admin@example.com", "bench-admin-password");
    const { token } = await issueApiToken(admin);
    const headers = { authorization: `Bearer ${token}` };
    const appUrl = `http://127.0.0.1:${APP_PORT}`;
    const baseUrl = `http://127.0.0.1:${BASE_PORT}`;
    // "bench" matches every unit; BENCH_Q="device 12" measures a selective search instead.
    const filter = `status=in_stock&q=${encodeURIComponent(process.env.BENCH_Q ?? "bench")}`;
    const run = (name: string, url: string, h?: Record<string, string>) => load(name, { url, headers: h, connections: CONNECTIONS, durationSec: SECONDS });
    // Warm both (JIT, connection pools, Next's route caches).
    await load("warm-up", { url: `${appUrl}/api/devices?limit=25`, headers, durationSec: 3 });
    await load("warm-up", { url: `${baseUrl}/`, durationSec: 3 });

    // The framework's own ceiling on this machine: the same server answering a route with no
    // database, no auth and no proxy. No API route of this app can be faster than this.
    const ceiling = await run("framework ceiling: GET /api/health/live", `${appUrl}/api/health/live`, headers);
    const baseline = await run("bare node:http + pg", `${baseUrl}/`);
    const list = await run("GET /api/devices?limit=25", `${appUrl}/api/devices?limit=25`, headers);
    const baselineFiltered = await run(`bare node:http + pg, ${filter}`, `${baseUrl}/?${filter}`);
    const filtered = await run(`GET /api/devices?limit=25&${filter}`, `${appUrl}/api/devices?limit=25&${filter}`, headers);
    const cookie = await browserSignIn("bench-admin@example.com", "bench-admin-password", appUrl);
    await load("warm-up", { url: `${appUrl}/admin/devices`, headers: { cookie }, durationSec: 2 });
    await load("warm-up", { url: `${appUrl}/account/password`, headers: { cookie }, durationSec: 2 });
    // The console's own ceiling: its lightest signed-in page (the layout, the navigation and a
    // three-field form, no data). No console page can be faster than this on the same server.
    const shell = await run("console shell: page /account/password", `${appUrl}/account/password`, { cookie });
    const page = await run("page /admin/devices (signed in)", `${appUrl}/admin/devices`, { cookie });

    report("devices list over 10k devices", baseline, [ceiling, list, baselineFiltered, filtered, shell, page], { devices: DEVICES, connections: CONNECTIONS, durationSec: SECONDS });
    const failures = [list, filtered, shell, page].filter((r) => r.non2xx || r.errors);
    if (failures.length) console.error(`non-2xx answers or errors: ${failures.map((r) => r.name).join(", ")}`);
    recordResults({
      "api.list.rps": list.requestsPerSec,
      "api.list.p99Ms": list.p99Ms,
      "api.list.baselineRps": baseline.requestsPerSec,
      "api.list.ratio": round(list.requestsPerSec / baseline.requestsPerSec),
      "api.list.frameworkCeilingRps": ceiling.requestsPerSec,
      "api.listFiltered.rps": filtered.requestsPerSec,
      "api.listFiltered.p99Ms": filtered.p99Ms,
      "api.listFiltered.baselineRps": baselineFiltered.requestsPerSec,
      "api.listFiltered.ratio": round(filtered.requestsPerSec / baselineFiltered.requestsPerSec),
      "page.devices.rps": page.requestsPerSec,
      "page.devices.p99Ms": page.p99Ms,
      "page.devices.shellCeilingRps": shell.requestsPerSec,
    });
    if (failures.length) process.exitCode = 1;
  } finally {
    stop(app);
    baselineServer.close();
    await pool.end();
  }
  process.exit(process.exitCode ?? 0);
}

const round = (x: number) => Math.round(x * 100) / 100;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
