import { z } from "zod";

/**
 * The environment, validated once. Every process (web, worker, realtime, simulator, scripts)
 * reads configuration through `config()`; a missing or malformed value stops start-up with a
 * message naming the variable. Defaults are the local services the demo and CI start, so a
 * fresh clone needs no .env file.
 */
const DEV_SECRET = "dev-only-secret-change-me-in-production-0123456789";

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/device_store"),
  RABBITMQ_URL: z.url().default("amqp://guest:guest@127.0.0.1:5672"),
  MONGODB_URL: z.url().default("mongodb://127.0.0.1:27017/device_monitoring"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").default(DEV_SECRET),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  ADMIN_EMAIL: z.email().default("admin@example.com"),
  ADMIN_PASSWORD: z.string().min(8).default("admin-demo-password"),
  API_TOKEN_TTL_SEC: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(3600),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_SEC: z.coerce.number().int().min(1).default(900),
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
  REALTIME_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  REALTIME_URL: z.string().default(""),
  // Inventory analytics: sales velocity over this many days; reorder when stock covers less than lead time + safety.
  ANALYTICS_VELOCITY_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ANALYTICS_LEAD_TIME_DAYS: z.coerce.number().min(0).max(365).default(7),
  ANALYTICS_SAFETY_DAYS: z.coerce.number().min(0).max(365).default(3),
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
  const parsed = configSchema.safeParse(env);
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
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

export const isDevSecret = () => config().AUTH_SECRET === DEV_SECRET;
