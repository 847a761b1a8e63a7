/**
 * `npm run bench`: every benchmark in turn; each prints its figures and saves bench/results/*.
 * Each runs on databases (and a RabbitMQ vhost) of its own, never the demo's.
 */
import { spawnSync } from "node:child_process";

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
// `--anomalies`: only the insights accuracy figures (in process, seconds, no services).
const ONLY_INSIGHTS = process.argv.includes("--anomalies");

// Its own vhost: the benchmark's readings also reach that vhost's queue_data_ingestion (purged after).
const REALTIME_ENV = { ...TELEMETRY_ENV, RABBITMQ_URL: "amqp://guest:guest@127.0.0.1:5672/bench_realtime", RABBITMQ_VHOST: "bench_realtime" };

const steps: { title: string; command: string[]; env?: NodeJS.ProcessEnv }[] = [
  { title: "services", command: ["bash", "scripts/services.sh"], env: TELEMETRY_ENV },
  { title: "devices list", command: ["npx", "tsx", "bench/devices-list.ts"] },
  { title: "orders", command: ["npx", "tsx", "bench/orders.ts"] },
  { title: "monitoring stats", command: ["npx", "tsx", "bench/monitoring-stats.ts"] },
  { title: "telemetry: fresh store", command: ["npx", "tsx", "scripts/migrate.ts", "--reset"], env: TELEMETRY_ENV },
  { title: "telemetry: seed", command: ["npx", "tsx", "scripts/seed.ts"], env: TELEMETRY_ENV },
  { title: "telemetry", command: ["npx", "tsx", "bench/telemetry.ts"], env: TELEMETRY_ENV },
  { title: "realtime: vhost", command: ["bash", "scripts/services.sh"], env: REALTIME_ENV },
  { title: "realtime", command: ["npx", "tsx", "bench/realtime.ts", ...(QUICK ? ["--quick"] : [])], env: REALTIME_ENV },
  { title: "insights: anomalies and forecasts", command: ["npx", "tsx", "bench/insights.ts"] },
];

let failed = 0;
for (const step of ONLY_INSIGHTS ? steps.filter((s) => s.title.startsWith("insights")) : steps) {
  console.log(`\n# ${step.title}`);
  const result = spawnSync(step.command[0], step.command.slice(1), { stdio: "inherit", env: step.env ?? process.env });
  if (result.status !== 0) {
    failed++;
    console.error(`# ${step.title} failed (exit ${result.status})`);
  }
}
process.exit(failed ? 1 : 0);
