/**
 * GET /api/devices?limit=25 over 10,000 devices, next to a bare node:http + pg server running
 * the same queries (page + total) in the same run.   npx tsx bench/devices-list.ts
 */
import http from "node:http";
import pg from "pg";
import { migrate } from "@/scripts/migrate";
import { benchEnv, load, report, startApp, stop } from "./harness";

const DB = "device_store_bench";
const APP_PORT = 3500;
const BASE_PORT = 3501;
const DEVICES = 10_000;

async function prepare() {
  const url = benchEnv(APP_PORT, DB).DATABASE_URL;
  await migrate(url, { reset: true, quiet: true });
  const pool = new pg.Pool({ connectionString: url });
  await pool.query(
    `INSERT INTO t_devices (serial_number, name, type, model, price, status, updated_at)
     SELECT 'BENCH-' || lpad(g::text, 6, '0'), 'Bench device ' || g, (ARRAY['sensor','gateway','tracker'])[1 + g % 3],
            'M-' || (g % 20), (g % 500) + 0.99,
            (ARRAY['in_stock','in_stock','in_stock','reserved','sold','deployed'])[1 + g % 6], now()
       FROM generate_series(1, $1) g`,
    [DEVICES],
  );
  await pool.query("ANALYZE t_devices");
  return pool;
}

/** The baseline: the same two queries the service runs, with no framework, auth or validation. */
function startBaseline(pool: pg.Pool) {
  const server = http.createServer(async (_req, res) => {
    const [page, total] = await Promise.all([
      pool.query("SELECT * FROM t_devices ORDER BY created_at DESC, id DESC LIMIT 26"),
      pool.query("SELECT count(*)::int AS n FROM t_devices"),
    ]);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ items: page.rows.slice(0, 25), total: total.rows[0].n, nextCursor: "x" }));
  });
  return new Promise<http.Server>((resolve) => server.listen(BASE_PORT, "127.0.0.1", () => resolve(server)));
}

async function main() {
  const pool = await prepare();
  const baselineServer = await startBaseline(pool);
  const app = await startApp(APP_PORT, DB);
  try {
    const { ensureAdmin, issueApiToken } = await import("@/lib/auth/users");
    process.env.DATABASE_URL = benchEnv(APP_PORT, DB).DATABASE_URL;
    const { user: admin } = await ensureAdmin("bench-admin@example.com", "bench-admin-password");
    const { token } = await issueApiToken(admin);
    const headers = { authorization: `Bearer ${token}` };
    // Warm both (JIT, connection pools, Next's route compilation caches).
    await load("warm-up", { url: `http://127.0.0.1:${APP_PORT}/api/devices?limit=25`, headers, durationSec: 3 });
    await load("warm-up", { url: `http://127.0.0.1:${BASE_PORT}/`, durationSec: 3 });
    const baseline = await load("bare node:http + pg", { url: `http://127.0.0.1:${BASE_PORT}/` });
    const subject = await load("GET /api/devices?limit=25", { url: `http://127.0.0.1:${APP_PORT}/api/devices?limit=25`, headers });
    const filtered = await load("GET /api/devices?limit=25&status=in_stock&q=bench", {
      url: `http://127.0.0.1:${APP_PORT}/api/devices?limit=25&status=in_stock&q=bench`,
      headers,
    });
    report("devices list over 10k devices", baseline, [subject, filtered], { devices: DEVICES, connections: 10, durationSec: 10 });
  } finally {
    stop(app);
    baselineServer.close();
    await pool.end();
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
