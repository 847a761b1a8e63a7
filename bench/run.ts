/**
 * `npm run bench`: every benchmark in turn; each prints its figures and adds its fields to
 * bench/results/latest.json (and a dated copy); one table of them all at the end.
 * `--quick`: a short smoke run of each (CI-sized; its figures are not worth comparing).
 * Each runs on databases (and a RabbitMQ vhost) of its own, never the demo's.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const TELEMETRY_ENV = {
  ...process.env,
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/device_store_bench_tel",
  MONGODB_URL: "mongodb://127.0.0.1:27017/device_monitoring_bench",
  RABBITMQ_URL: "amqp://guest:guest@127.0.0.1:5672/bench",
  RABBITMQ_VHOST: "bench",
  NEXT_DIST_DIR: ".next-bench", // built by bench/devices-list.ts
  SEED_DEMO_DATA: "1",
  NEXT_TELEMETRY_DISABLED: "1",
};

const QUICK = process.argv.includes("--quick");
const quickFlag = QUICK ? ["--quick"] : [];
// `--anomalies`: only the insights accuracy figures (in process, seconds, no services).
const ONLY_INSIGHTS = process.argv.includes("--anomalies");

// Its own vhost: the benchmark's readings also reach that vhost's queue_data_ingestion (purged after).
const REALTIME_ENV = { ...TELEMETRY_ENV, RABBITMQ_URL: "amqp://guest:guest@127.0.0.1:5672/bench_realtime", RABBITMQ_VHOST: "bench_realtime" };

// `full`: comparisons of deployment options, left out of a --quick run.
const steps: { title: string; command: string[]; env?: NodeJS.ProcessEnv; full?: boolean }[] = [
  { title: "services", command: ["bash", "scripts/services.sh"], env: TELEMETRY_ENV },
  { title: "devices list", command: ["npx", "tsx", "bench/devices-list.ts", ...quickFlag] },
  { title: "orders", command: ["npx", "tsx", "bench/orders.ts", ...quickFlag], env: { ...process.env, BENCH_BUILT: "1" } },
  { title: "monitoring stats", command: ["npx", "tsx", "bench/monitoring-stats.ts"], env: QUICK ? { ...process.env, BENCH_SECONDS: "5" } : undefined },
  { title: "telemetry: fresh store", command: ["npx", "tsx", "scripts/migrate.ts", "--reset"], env: TELEMETRY_ENV },
  { title: "telemetry: seed", command: ["npx", "tsx", "scripts/seed.ts"], env: TELEMETRY_ENV },
  { title: "telemetry", command: ["npx", "tsx", "bench/telemetry.ts", ...quickFlag], env: TELEMETRY_ENV },
  { title: "telemetry: what raises the store's ceiling", command: ["npx", "tsx", "bench/ingest-ceiling.ts", ...quickFlag], env: TELEMETRY_ENV },
  { title: "RabbitMQ: quorum against classic queues", command: ["npx", "tsx", "bench/queue-types.ts"], env: TELEMETRY_ENV, full: true },
  { title: "workers: compile", command: ["node", "scripts/build-workers.mjs"], full: true },
  // The worker-scale comparison runs its workers under supervisord, as the demo does.
  { title: "workers: supervisord", command: ["bash", "scripts/ensure-packages.sh", "supervisord=supervisor"], full: true },
  { title: "telemetry: 1 against 2 workers", command: ["npx", "tsx", "bench/worker-scale.ts"], env: TELEMETRY_ENV, full: true },
  { title: "realtime: vhost", command: ["bash", "scripts/services.sh"], env: REALTIME_ENV },
  { title: "realtime", command: ["npx", "tsx", "bench/realtime.ts", ...quickFlag], env: REALTIME_ENV },
  { title: "insights: anomalies and forecasts", command: ["npx", "tsx", "bench/insights.ts"] },
];

let failed = 0;
const selected = ONLY_INSIGHTS ? steps.filter((s) => s.title.startsWith("insights")) : steps.filter((s) => !(QUICK && s.full));
for (const step of selected) {
  console.log(`\n# ${step.title}`);
  const result = spawnSync(step.command[0], step.command.slice(1), { stdio: "inherit", env: step.env ?? process.env });
  if (result.status !== 0) {
    failed++;
    console.error(`# ${step.title} failed (exit ${result.status})`);
  }
}
/** The fixed fields of the harness, in one table: figure, and its same-run baseline where it has one. */
const TABLE: Array<[scenario: string, figure: string, baseline?: string, ratio?: string]> = [
  ["ingest end to end (readings/s)", "ingest.msgsPerSec", "ingest.ceilingMsgsPerSec", "ingest.ratio"],
  ["ingest lost / duplicated", "ingest.lost", "ingest.duplicated"],
  ["raw insertMany: best variant, × 1000 × 1", "ingestCeiling.bestVariant", "ingestCeiling.baselineDocsPerSec", "ingestCeiling.bestRatio"],
  ["HTTP ingest, batches of 100 (readings/s, p99 ms)", "httpIngest.readingsPerSec", "httpIngest.p99Ms"],
  ["publish → Socket.IO (p50, p99 ms)", "latency.p50Ms", "latency.p99Ms"],
  ["framework ceiling: a no-op API route (req/s)", "api.list.frameworkCeilingRps"],
  ["GET /api/devices (req/s)", "api.list.rps", "api.list.baselineRps", "api.list.ratio"],
  ["GET /api/devices p99 ms", "api.list.p99Ms"],
  ["GET /api/devices status+q (req/s)", "api.listFiltered.rps", "api.listFiltered.baselineRps", "api.listFiltered.ratio"],
  ["GET /api/devices status+q p99 ms", "api.listFiltered.p99Ms"],
  ["POST /api/orders (orders/s)", "api.create.rps", "api.create.baselineRps", "api.create.ratio"],
  ["POST /api/orders p99 ms, oversold", "api.create.p99Ms", "api.create.oversold"],
  ["console shell: lightest signed-in page (req/s)", "page.devices.shellCeilingRps"],
  ["page /admin/devices (req/s, p99 ms)", "page.devices.rps", "page.devices.p99Ms"],
  ["fanout (clients, p99 ms, server RSS MB)", "fanout.clients", "fanout.p99Ms", "fanout.serverRssMb"],
  ["monitoring stats, 7 d at 1 h (p99 ms)", "stats.p99Ms"],
];
const LATEST = "bench/results/latest.json";
if (existsSync(LATEST)) {
  const latest = JSON.parse(readFileSync(LATEST, "utf8")) as Record<string, unknown>;
  const get = (path?: string) => (path ? (path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], latest) ?? "—") : "");
  console.log(`\n# all figures (${LATEST}; ${JSON.stringify(latest.machine)}${QUICK ? "; --quick: smoke run, not comparable" : ""})`);
  console.table(TABLE.map(([scenario, ...fields]) => ({ scenario, ...Object.fromEntries(fields.map((f, i) => [["figure", "second", "third"][i], f ? `${get(f)} (${f.split(".").at(-1)})` : ""])) })));
}
process.exit(failed ? 1 : 0);
