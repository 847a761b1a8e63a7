/**
 * The telemetry worker: queue_data_ingestion → MongoDB (monitoring_data + rollups), status
 * events → the store. `npm run worker`. Competing consumers: run as many as needed.
 * SIGTERM/SIGINT: stop consuming, write what is in hand, flush rollups, exit 0.
 */
import { configOrExit } from "@/lib/config";
import { db as prisma } from "@/lib/db";
import { AmqpLink } from "@/lib/telemetry/amqp";
import { IngestionConsumer } from "@/lib/telemetry/ingestion-consumer";
import { ensureTelemetryCollections, mongoClient } from "@/lib/telemetry/mongo";
import { RollupAccumulator, writeRollups } from "@/lib/telemetry/rollups";
import { sweepRevokedConnections } from "@/lib/mqtt/revocation";
import { MqttBridge } from "@/lib/telemetry/mqtt-bridge";
import { StatusConsumer } from "@/lib/telemetry/status-consumer";
import { deleteExpiredTelemetry } from "@/lib/telemetry/store";

const cfg = configOrExit();
const log = (m: string) => console.log(`[worker ${process.pid}] ${new Date().toISOString()} ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const withStatus = !process.argv.includes("--no-status");

async function main() {
  const mongo = mongoClient(cfg.MONGODB_URL);
  const db = mongo.db();
  for (let attempt = 0; ; attempt++) {
    try {
      await ensureTelemetryCollections(db);
      break;
    } catch (error) {
      const delay = Math.min(10_000, 250 * 2 ** attempt);
      log(`MongoDB not ready (${(error as Error).message}); retrying in ${delay} ms`);
      await sleep(delay);
    }
  }

  const rollups = new RollupAccumulator();
  const link = new AmqpLink(cfg.RABBITMQ_URL, { name: `telemetry-worker-${process.pid}`, reconnect: true, log });
  const ingestion = new IngestionConsumer(link, db, rollups, {
    prefetch: cfg.WORKER_PREFETCH,
    batchSize: cfg.WORKER_BATCH_SIZE,
    flushMs: cfg.WORKER_FLUSH_MS,
    concurrency: cfg.WORKER_CONCURRENCY,
    verbose: process.argv.includes("--verbose"),
    log,
  });
  link.onChannel(ingestion.setup);
  const status = withStatus ? new StatusConsumer(link, { windowMs: 1000, log }) : undefined;
  if (status) link.onChannel(status.setup);
  // MQTT readings (amq.topic devices.*.telemetry) join the pipeline at telemetry.<id>.
  const mqtt = new MqttBridge(link, { prefetch: cfg.WORKER_PREFETCH, log });
  link.onChannel(mqtt.setup);
  link.start();
  const sweep = () => sweepRevokedConnections(log).catch((e: Error) => log(`MQTT revocation sweep failed: ${e.message}`));
  const sweepTimer = setInterval(() => void sweep(), cfg.MQTT_REVOCATION_SWEEP_MS);

  let rollupBusy: Promise<void> | undefined;
  const flushRollups = () =>
    (rollupBusy ??= (async () => {
      const deltas = rollups.take();
      if (deltas.length === 0) return;
      const { unwritten, error } = await writeRollups(db, deltas);
      if (error) {
        log(`rollup write failed (${error.message}); ${unwritten.length} deltas kept for the next flush`);
        rollups.restore(unwritten);
      }
    })().finally(() => (rollupBusy = undefined)));
  const rollupTimer = setInterval(() => void flushRollups(), cfg.ROLLUP_FLUSH_MS);
  const statusTimer = setInterval(() => void ingestion.sendDueStatus(), 1000);

  const retention = () =>
    deleteExpiredTelemetry(db).then(
      (n) => Object.values(n).some(Boolean) && log(`retention deleted ${JSON.stringify(n)}`),
      (e: Error) => log(`retention failed: ${e.message}`),
    );
  // Not at start-up: on FerretDB a range delete scans the collection and would slow the catch-up.
  const retentionTimer = setInterval(() => void retention(), 3600_000);

  const report = setInterval(() => log(`stored ${ingestion.stored}, dead-lettered ${ingestion.deadLettered + mqtt.deadLettered}, via MQTT ${mqtt.forwarded}, deployed ${status?.deployed ?? 0}`), 30_000);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: draining`);
    clearInterval(rollupTimer);
    clearInterval(statusTimer);
    clearInterval(retentionTimer);
    clearInterval(report);
    clearInterval(sweepTimer);
    await ingestion.drain();
    await status?.drain();
    await rollupBusy;
    await flushRollups();
    await link.close();
    await mongo.close();
    await prisma().$disconnect();
    log(`stopped after storing ${ingestion.stored} readings`);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  log("started");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
