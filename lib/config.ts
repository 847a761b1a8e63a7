import { z } from "zod";

/**
 * The environment, validated once. Every process (web, worker, realtime, simulator, scripts)
 * reads configuration through `config()`; a missing or malformed value stops start-up with a
 * message naming the variable. Defaults are the local services the demo and CI start, so a
 * fresh clone needs no .env file.
 */
const DEV_SECRET = "dev-only-secret-change-me-in-production-0123456789";
// Values that have shipped in this repository; anyone can forge tokens with them.
const KNOWN_SECRETS = new Set([DEV_SECRET, "change-me-to-a-long-random-secret-of-32-chars", "test-secret-not-for-production-000000000000"]);

/**
 * Bits of entropy estimated from the character distribution. 32 random bytes in hex or base64
 * score ≥ 187 in practice; words, repeated characters and placeholders score far lower.
 */
function estimatedEntropyBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / secret.length) * Math.log2(n / secret.length);
  return perChar * secret.length;
}

/** Why a secret cannot sign production sessions, or undefined when it can. */
export function weakSecretReason(secret: string): string | undefined {
  if (KNOWN_SECRETS.has(secret)) return "is a development/placeholder value published in this repository";
  if (secret.length < 32) return "must be at least 32 characters";
  if (estimatedEntropyBits(secret) < 180) return "does not look random (use 32 random bytes: `openssl rand -base64 32`)";
  return undefined;
}

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/device_store"),
  RABBITMQ_URL: z.url().default("amqp://guest:guest@127.0.0.1:5672"),
  MONGODB_URL: z.url().default("mongodb://127.0.0.1:27017/device_monitoring"),
  // When MONGODB_URL is FerretDB on PostgreSQL, that PostgreSQL: the worker adds the indexes its
  // pushed-down equalities need (lib/telemetry/ferretdb-equality-indexes.ts). Unused otherwise.
  FERRETDB_POSTGRESQL_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/ferretdb"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").default(DEV_SECRET),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  ADMIN_EMAIL: z.email().default("admin@example.com"),
  // Applied only when the admin account is first created (scripts/seed.ts).
  ADMIN_PASSWORD: z.string().min(8).default("admin-demo-password"),
  // The demo customer and catalogue devices; `npm run demo` turns this on, production never should.
  SEED_DEMO_DATA: z.enum(["0", "1"]).default("0"),
  API_TOKEN_TTL_SEC: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(3600),
  // Wrong passwords for one email from one address before that pair waits LOGIN_WINDOW_SEC.
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_SEC: z.coerce.number().int().min(1).default(900),
  // Net failed sign-ins one address may make per LOGIN_WINDOW_SEC before each further try waits
  // 2, 4, 8 … seconds (at most LOGIN_WINDOW_SEC).
  LOGIN_ADDRESS_FREE_FAILURES: z.coerce.number().int().min(1).default(30),
  REGISTER_MAX_PER_HOUR: z.coerce.number().int().min(1).default(20),
  // Stock hoarding: units one customer may hold in pending (unconfirmed) orders, orders one
  // customer may place per hour, and how long an unconfirmed order holds its units.
  PENDING_UNITS_PER_CUSTOMER: z.coerce.number().int().min(1).default(20),
  ORDER_CREATE_MAX_PER_HOUR: z.coerce.number().int().min(1).default(30),
  PENDING_ORDER_TTL_SEC: z.coerce.number().int().min(1).default(24 * 3600),
  // "1" only behind the gateway (nginx), which overwrites X-Forwarded-For and sets X-Real-IP.
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  INGEST_RATE_PER_SEC: z.coerce.number().positive().default(50),
  // Readings a device may send at once before the per-second rate applies (token bucket size).
  INGEST_BURST: z.coerce.number().int().min(500).default(1000),
  WORKER_PREFETCH: z.coerce.number().int().min(1).max(5000).default(200),
  WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  WORKER_FLUSH_MS: z.coerce.number().int().min(1).default(100),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  // Rollup deltas are merged in memory and written this often (FerretDB upserts are costly).
  ROLLUP_FLUSH_MS: z.coerce.number().int().min(50).default(2000),
  RETENTION_RAW_DAYS: z.coerce.number().positive().default(30),
  RETENTION_ROLLUP_MINUTE_DAYS: z.coerce.number().positive().default(7),
  RETENTION_ROLLUP_HOUR_DAYS: z.coerce.number().positive().default(90),
  RETENTION_ROLLUP_DAY_DAYS: z.coerce.number().positive().default(730),
  // Alert rules (defaults; a device's configuration may override them per threshold).
  ALERT_FOR_READINGS: z.coerce.number().int().min(1).max(1000).default(3),
  ALERT_FOR_SECONDS: z.coerce.number().min(0).max(86_400).default(0),
  ALERT_CLEAR_MARGIN_PCT: z.coerce.number().min(0).max(50).default(5),
  // Repeats of an open alert are merged in memory and written at most this often per alert.
  ALERT_BUMP_MS: z.coerce.number().int().min(50).default(1000),
  // battery_low_soon: a device's battery forecast is re-evaluated at most this often (it reads a
  // week of hourly rollups, so not on every reading).
  BATTERY_FORECAST_EVERY_MS: z.coerce.number().int().min(1000).default(10 * 60_000),
  // How long the worker trusts its cached device types and configurations.
  DEVICE_CONFIG_REFRESH_MS: z.coerce.number().int().min(100).default(5000),
  // Online/offline: silent for longer than max(K × reporting interval, floor) ⇒ offline.
  CONNECTIVITY_K: z.coerce.number().positive().default(3),
  CONNECTIVITY_MIN_TIMEOUT_SEC: z.coerce.number().min(1).default(30),
  CONNECTIVITY_CHECK_MS: z.coerce.number().int().min(100).default(5000),
  // Transient write failures are retried this many times before the batch goes back to the queue.
  WORKER_WRITE_RETRIES: z.coerce.number().int().min(0).max(20).default(5),
  // SIGTERM: give up draining after this long (unacked messages are redelivered).
  WORKER_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  REALTIME_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  REALTIME_URL: z.string().default(""),
  // ISO 4217 code the shop shows its prices in (formatted by Intl.NumberFormat).
  STORE_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code, e.g. EUR")
    .refine((c) => Intl.supportedValuesOf("currency").includes(c), "is not a currency this runtime knows")
    .default("EUR"),
  // MQTT (RabbitMQ's rabbitmq_mqtt plugin). Locally not 1883: a Mosquitto may already listen there.
  MQTT_HOST: z.string().min(1).default("127.0.0.1"),
  MQTT_PORT: z.coerce.number().int().min(1).max(65535).default(1884),
  // The broker's HTTP auth backend calls /api/internal/broker/* with this secret; derived from
  // AUTH_SECRET when unset, so a fresh clone needs nothing.
  BROKER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // Host names under which the broker reaches the web (docker-compose: "web").
  BROKER_AUTH_HOSTS: z.string().default("127.0.0.1,localhost,[::1]"),
  // Where the broker's calls may come from: loopback, or also private addresses (containers).
  BROKER_AUTH_PEERS: z.enum(["loopback", "private"]).default("loopback"),
  // Management API, used to close the MQTT connections of revoked devices.
  RABBITMQ_MANAGEMENT_URL: z.url().default("http://guest:guest@127.0.0.1:15672"),
  MQTT_REVOCATION_SWEEP_MS: z.coerce.number().int().min(1000).default(20_000),
  // Telemetry to a dashboard: at most one event per device per this window (latest wins, trailing emit).
  REALTIME_COALESCE_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  // How often connected sockets are re-authenticated and their device rooms re-checked for ownership.
  REALTIME_REVALIDATE_MS: z.coerce.number().int().min(200).default(30_000),
  // Largest Socket.IO message a client may send; bigger ones close that client's connection.
  REALTIME_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(65_536),
  // Device rooms one socket may hold at once.
  REALTIME_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).default(500),
  // Operator's view (lib/metrics.ts): a bearer token Prometheus sends to GET /api/metrics (else
  // admins only), and the internal port a worker or realtime node serves /metrics on (0 = none).
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  // quorum for a RabbitMQ cluster (replicated queues); see lib/telemetry/topology.ts.
  RABBITMQ_QUEUE_TYPE: z.enum(["classic", "quorum"]).default("classic"),
  // Inventory analytics: sales velocity over this many days; reorder when stock covers less than lead time + safety.
  ANALYTICS_VELOCITY_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ANALYTICS_LEAD_TIME_DAYS: z.coerce.number().min(0).max(365).default(7),
  ANALYTICS_SAFETY_DAYS: z.coerce.number().min(0).max(365).default(3),
  // Web Push for critical alerts (lib/push). Off unless WEB_PUSH=1; then the VAPID key pair is
  // required (`npx web-push generate-vapid-keys`; the demo makes its own, like AUTH_SECRET).
  WEB_PUSH: z.enum(["0", "1"]).default("0"),
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, "must be an uncompressed P-256 public key in base64url (87 characters; npx web-push generate-vapid-keys)")
    .optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be a P-256 private key in base64url (43 characters)").optional(),
  // Who push services contact about this sender; mailto:ADMIN_EMAIL when unset.
  VAPID_SUBJECT: z.string().regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, "must be a mailto: or https: URL").optional(),
  // Push services a subscription's endpoint may point at (host or parent domain): the server POSTs
  // to it (always https), so an arbitrary URL would let a user make the worker call anything.
  WEB_PUSH_ENDPOINT_HOSTS: z.string().default("fcm.googleapis.com,push.services.mozilla.com,notify.windows.com,push.apple.com"),
  // Reports (lib/reports): the Chromium that prints their PDFs (web and worker; the web starts
  // without it and answers 503 to a PDF request), and how often the worker checks for last
  // month's reports (it makes any that are missing, so a worker down on the 1st catches up; 0 = never).
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  REPORT_PDF_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  REPORT_SCHEDULE_CHECK_MS: z.coerce.number().int().refine((n) => n === 0 || n >= 1000, "must be 0 (off) or at least 1000").default(3_600_000),
  // Customer emails about their orders (lib/email): the worker sends the outbox through this SMTP
  // server. Unset = no emails are sent (rows stay in the outbox, to go out once it is set).
  SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, "must be an smtp:// or smtps:// URL").optional(),
  MAIL_FROM: z.string().min(3).max(200).default("Device Store <store@localhost>"),
  EMAIL_POLL_MS: z.coerce.number().int().min(100).default(5000),
  EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
});

/** Why the Web Push settings cannot work, per variable (none when push is off). */
function pushProblems(c: z.infer<typeof configSchema>): { path: string; message: string }[] {
  if (c.WEB_PUSH !== "1") return [];
  const missing = (["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"] as const).filter((k) => !c[k]);
  return missing.map((k) => ({ path: k, message: `is required when WEB_PUSH=1 (generate a pair: npx web-push generate-vapid-keys)` }));
}

/**
 * Production refuses to start with a secret anyone could know or guess: a forged session or
 * API token would otherwise be accepted. `next build` also runs as production but signs
 * nothing, so the build phase is exempt.
 */
const productionSchema = configSchema.superRefine((c, ctx) => {
  // Push turned on without its keys fails closed in every environment: no silent "on but mute".
  for (const p of pushProblems(c)) ctx.addIssue({ code: "custom", path: [p.path], message: p.message });
  if (c.NODE_ENV !== "production") return;
  const reason = weakSecretReason(c.AUTH_SECRET);
  if (reason) {
    ctx.addIssue({
      code: "custom",
      path: ["AUTH_SECRET"],
      message: `${reason}. Production needs a real secret: export AUTH_SECRET="$(openssl rand -base64 32)"`,
    });
  }
});

export type AppConfig = z.infer<typeof configSchema>;

let cached: AppConfig | undefined;

export class ConfigError extends Error {}

/**
 * Validates an environment without touching the process's cached config: `config()` uses it,
 * and tests check other environments (docker-compose's) with it in-process.
 */
export function parseConfig(environment: Record<string, string | undefined>): AppConfig {
  // An empty variable means "unset" so that `FOO= npm run demo` falls back to the default.
  const env = Object.fromEntries(Object.entries(environment).filter(([, v]) => v !== ""));
  env.AUTH_SECRET ??= environment.NEXTAUTH_SECRET || undefined;
  const schema = env.NEXT_PHASE === "phase-production-build" ? configSchema : productionSchema;
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For long-running processes: validate at start-up and exit with a readable message. */
export function configOrExit(): AppConfig {
  try {
    return config();
  } catch (error) {
    // Plain stderr on purpose: the logger's level and format may come from the very settings
    // that failed, and this message is for the person starting the process.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}


