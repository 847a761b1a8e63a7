/**
 * The telemetry worker: queue_data_ingestion → MongoDB (monitoring_data + rollups), alert rules
 * on what was stored, status events → the store, customers' order emails. `npm run worker`. Competing consumers: run as
 * many as needed. SIGTERM/SIGINT: stop consuming, write what is in hand, flush rollups and
 * alerts, exit 0 — or give up after WORKER_DRAIN_TIMEOUT_MS (unacked messages are redelivered).
 */
import { configOrExit } from "@/lib/config";
import { db as prisma } from "@/lib/db";
import { emailSenderFromConfig } from "@/lib/email/sender";
import { setProcessLogger } from "@/lib/logger";
import { AnomalyAlerts } from "@/lib/insights/anomaly-alerts";
import { BatteryAlerts } from "@/lib/insights/battery-alerts";
import { AlertPusher, vapidFromConfig, withPush } from "@/lib/push/alert-pusher";
import { AlertEngine, mongoAlertStore } from "@/lib/monitoring/alert-engine";
import { alertPublisher, connectivityPublisher } from "@/lib/monitoring/alert-events";
import { ConnectivityDetector } from "@/lib/monitoring/connectivity-detector";
import { OwnerLock } from "@/lib/monitoring/owner-lock";
import { prepareMonitoringStore } from "@/lib/monitoring/store-setup";
import { DEFAULT_DEVICE_CONFIG } from "@/lib/provisioning/schemas";
import { ReportScheduler } from "@/lib/reports/schedule";
import { DeviceProfiles } from "@/lib/monitoring/device-profiles";
import { serveMetrics, setMetricsProcess, watchQueueDepth } from "@/lib/metrics";
import { AmqpLink } from "@/lib/telemetry/amqp";
import { backoffDelay, sleep } from "@/lib/telemetry/backoff";
import { IngestionConsumer } from "@/lib/telemetry/ingestion-consumer";
import { mongoClient } from "@/lib/telemetry/mongo";
import { withRollupLocks } from "@/lib/telemetry/rollup-lock";
import { RollupAccumulator, writeRollups } from "@/lib/telemetry/rollups";
import { sweepRevokedConnections } from "@/lib/mqtt/revocation";
import { MqttBridge } from "@/lib/telemetry/mqtt-bridge";
import { StatusConsumer } from "@/lib/telemetry/status-consumer";
import { deleteExpiredTelemetry } from "@/lib/telemetry/store";
import { DEAD_LETTER_QUEUE, QUEUES } from "@/lib/telemetry/topology";

const cfg = configOrExit();
const logger = setProcessLogger("telemetry-worker");
// Consumers and the AMQP link report only trouble (reconnects, dead letters, failed writes).
const log = (m: string) => logger.warn(m);
const withStatus = !process.argv.includes("--no-status");
const OFFLINE_DETECTOR_LOCK: [number, number] = [7_400, 1];

async function main() {
  // Operator's view: /metrics and /healthz on an internal port (METRICS_PORT; 0 = off).
  setMetricsProcess("worker");
  watchQueueDepth(cfg.RABBITMQ_URL, [...Object.values(QUEUES).map((q) => q.name), DEAD_LETTER_QUEUE]);
  const metricsServer = cfg.METRICS_PORT ? serveMetrics(cfg.METRICS_PORT) : undefined;
  const mongo = mongoClient(cfg.MONGODB_URL);
  const db = mongo.db();
  for (let attempt = 0; ; attempt++) {
    try {
      const equalityIndexes = await prepareMonitoringStore(db, cfg.FERRETDB_POSTGRESQL_URL);
      logger.info({ equalityIndexes }, "monitoring store ready");
      break;
    } catch (error) {
      const delay = backoffDelay(attempt, { baseMs: 250 });
      log(`MongoDB not ready (${(error as Error).message}); retrying in ${delay} ms`);
      await sleep(delay);
    }
  }

  const rollups = new RollupAccumulator();
  const link = new AmqpLink(cfg.RABBITMQ_URL, { name: `telemetry-worker-${process.pid}`, reconnect: true, log });
  const ruleDefaults = { forReadings: cfg.ALERT_FOR_READINGS, forSeconds: cfg.ALERT_FOR_SECONDS, clearMarginPct: cfg.ALERT_CLEAR_MARGIN_PCT };
  const profiles = new DeviceProfiles(ruleDefaults, cfg.DEVICE_CONFIG_REFRESH_MS);
  // Critical alerts this worker raises are also pushed to subscribed browsers (WEB_PUSH=1).
  const vapid = vapidFromConfig(cfg);
  const pusher = vapid ? new AlertPusher(vapid) : undefined;
  const publishAlert = withPush(alertPublisher(link), pusher);
  const alerts = new AlertEngine(mongoAlertStore(db), profiles, publishAlert, { bumpMs: cfg.ALERT_BUMP_MS });
  alerts.start();
  const anomalies = new AnomalyAlerts(db, publishAlert);
  const batteries = new BatteryAlerts(db, publishAlert, { everyMs: cfg.BATTERY_FORECAST_EVERY_MS });
  const ingestion = new IngestionConsumer(link, db, rollups, {
    prefetch: cfg.WORKER_PREFETCH,
    batchSize: cfg.WORKER_BATCH_SIZE,
    flushMs: cfg.WORKER_FLUSH_MS,
    concurrency: cfg.WORKER_CONCURRENCY,
    verbose: process.argv.includes("--verbose"),
    writeRetries: cfg.WORKER_WRITE_RETRIES,
    log,
    onStored: (docs) => {
      alerts.observe(docs);
      anomalies.observe(docs);
      batteries.observe(docs);
    },
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

  // Online/offline: every worker runs the detector, the holder of the advisory lock acts.
  const detector = new ConnectivityDetector({
    mongo: db,
    lock: new OwnerLock(cfg.DATABASE_URL, OFFLINE_DETECTOR_LOCK),
    policy: { k: cfg.CONNECTIVITY_K, floorSec: cfg.CONNECTIVITY_MIN_TIMEOUT_SEC, defaultIntervalSec: DEFAULT_DEVICE_CONFIG.reportingIntervalSec },
    publishStatus: connectivityPublisher(link),
    publishAlert,
  });
  if (withStatus) detector.start(cfg.CONNECTIVITY_CHECK_MS);

  // Last month's reports (lib/reports/schedule.ts): idempotent, so every worker may check.
  const reports = new ReportScheduler();
  if (withStatus && cfg.REPORT_SCHEDULE_CHECK_MS > 0) reports.start(cfg.REPORT_SCHEDULE_CHECK_MS);

  // Customers' order emails (lib/email/sender.ts): rows are claimed with SKIP LOCKED, so every
  // worker may send without sending anything twice. Off (logged once) while SMTP_URL is unset.
  const emails = withStatus ? emailSenderFromConfig() : null;
  emails?.start(cfg.EMAIL_POLL_MS);

  let rollupBusy: Promise<void> | undefined;
  const flushRollups = () =>
    (rollupBusy ??= (async () => {
      const deltas = rollups.take();
      if (deltas.length === 0) return;
      // Locked per device: another worker may be flushing deltas for the same buckets.
      const { unwritten, error } = await withRollupLocks(
        deltas.map((d) => d.device_id),
        () => writeRollups(db, deltas),
      ).catch((lockError: Error) => ({ unwritten: deltas, error: lockError }));
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

  const report = setInterval(
    () =>
      logger.info(
        { stored: ingestion.stored, deadLettered: ingestion.deadLettered + mqtt.deadLettered, viaMqtt: mqtt.forwarded, deployed: status?.deployed ?? 0, alertsRaised: alerts.raised, alertsCleared: alerts.cleared, connectivityChanges: detector.transitions },
        "progress",
      ),
    30_000,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "draining");
    clearInterval(rollupTimer);
    clearInterval(statusTimer);
    clearInterval(retentionTimer);
    clearInterval(report);
    clearInterval(sweepTimer);
    // A drain that cannot finish (store down) must not keep the process alive: what is not
    // acked yet is redelivered to the next worker.
    const giveUp = setTimeout(() => {
      logger.error({ timeoutMs: cfg.WORKER_DRAIN_TIMEOUT_MS }, "drain timed out; exiting with work unacknowledged");
      process.exit(1);
    }, cfg.WORKER_DRAIN_TIMEOUT_MS);
    await ingestion.drain();
    await status?.drain();
    await alerts.drain();
    await anomalies.drain();
    await batteries.drain();
    await detector.stop();
    await pusher?.drain();
    await reports.stop();
    await emails?.stop();
    await rollupBusy;
    await flushRollups();
    await link.close();
    await mongo.close();
    await prisma().$disconnect();
    clearTimeout(giveUp);
    metricsServer?.close();
    logger.info({ stored: ingestion.stored }, "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  logger.info("started");
}

main().catch((error) => {
  logger.fatal({ err: error }, "worker failed to start");
  process.exit(1);
});
