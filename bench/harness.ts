/**
 * Shared pieces of the benchmarks: a production server of this app on its own database,
 * autocannon runs, and reporting as ratios against a baseline measured in the same run
 * (absolute numbers on a shared 2-core machine mean little; ratios travel better).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { weakSecretReason } from "../lib/config";

export interface LoadResult {
  name: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests answered within the run (latencies mean nothing when this is 0). */
  total: number;
  non2xx: number;
  errors: number;
}

export async function load(
  name: string,
  opts: { url: string; connections?: number; durationSec?: number; headers?: Record<string, string>; method?: "GET" | "POST"; body?: string },
): Promise<LoadResult> {
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections ?? 10,
    duration: opts.durationSec ?? 10,
    headers: opts.headers,
    method: opts.method ?? "GET",
    body: opts.body,
  });
  return {
    name,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

// The app runs as production, which refuses a guessable secret; the bench signs its own tokens
// in-process with the same one, so it is set before anything reads the config.
export function ensureBenchSecret() {
  if (weakSecretReason(process.env.AUTH_SECRET ?? "")) process.env.AUTH_SECRET = randomBytes(32).toString("base64");
}
ensureBenchSecret();

export function benchEnv(port: number, database: string) {
  return {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: ".next-bench",
    // Load from few addresses and accounts: the abuse limits would measure themselves.
    ORDER_CREATE_MAX_PER_HOUR: "1000000000",
    PENDING_UNITS_PER_CUSTOMER: "1000000000",
    REGISTER_MAX_PER_HOUR: "1000000000",
    LOGIN_ADDRESS_FREE_FAILURES: "1000000000",
    DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${database}`,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    MONGODB_URL: `mongodb://127.0.0.1:27017/${database}`,
  };
}

/** Builds (once per run) and starts the app; resolves when it answers. */
export async function startApp(port: number, database: string, { build = true } = {}): Promise<ChildProcess> {
  const env = benchEnv(port, database);
  if (build) {
    console.log("building the app for the benchmark…");
    const built = spawnSync("npx", ["next", "build"], { env, stdio: ["ignore", "ignore", "inherit"] });
    if (built.status !== 0) throw new Error("next build failed");
  }
  const child = spawn("npx", ["next", "start", "-p", String(port)], { env, stdio: "ignore", detached: true });
  await waitFor(`http://127.0.0.1:${port}/api/auth/csrf`);
  return child;
}

export function stop(child: ChildProcess) {
  if (child.pid) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
  }
}

export async function waitFor(url: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

export function report(title: string, baseline: LoadResult, subjects: LoadResult[], extra: Record<string, unknown> = {}) {
  const rows = [baseline, ...subjects].map((r) => ({
    ...r,
    vsBaselineThroughput: `${((r.requestsPerSec / baseline.requestsPerSec) * 100).toFixed(0)}%`,
    vsBaselineP99: `${(r.p99Ms / Math.max(baseline.p99Ms, 1)).toFixed(2)}×`,
  }));
  console.log(`\n## ${title}`);
  console.table(rows);
  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/${title.replace(/\W+/g, "-").toLowerCase()}.json`;
  writeFileSync(file, JSON.stringify({ title, at: new Date().toISOString(), rows, ...extra }, null, 2));
  console.log(`saved ${file}`);
}
