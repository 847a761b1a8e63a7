import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../scripts/migrate";
import { api } from "./helpers";
import { startPrivateWeb, type PrivateWeb } from "./private-services";

// The operator token gets per-service health detail without a database lookup.
const OPERATOR_TOKEN = "fault-test-operator-token-0123456789";
import { until } from "./process-helpers";

/**
 * PostgreSQL restarts under a running web process. On a PostgreSQL cluster of this test's own
 * (initdb into a temporary directory, its own port), never the shared one.
 */
const PG_PORT = Number(process.env.FAULT_PG_PORT ?? 5499);
const WEB_PORT = Number(process.env.FAULT_PG_WEB_PORT ?? 3197);
const version = readdirSync("/usr/lib/postgresql").sort().pop()!;
const bin = (name: string) => `/usr/lib/postgresql/${version}/bin/${name}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "postgres-fault-"));
const DATABASE_URL = `postgresql://postgres@127.0.0.1:${PG_PORT}/device_store_fault`;
const asPostgres = (...args: string[]) => execFileSync("runuser", ["-u", "postgres", "--", ...args], { stdio: "ignore", timeout: 120_000 });
const pgCtl = (...args: string[]) => asPostgres(bin("pg_ctl"), "-D", dataDir, "-w", "-t", "60", ...args);

let web: PrivateWeb | undefined;

afterAll(async () => {
  await web?.stop();
  try {
    pgCtl("stop", "-m", "immediate");
  } catch {
    /* not running */
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe("PostgreSQL restart under the web", () => {
  it("answers 503 naming postgres while it is down, and serves the API again by itself when it returns", async () => {
    execFileSync("chown", ["postgres:postgres", dataDir]);
    asPostgres(bin("initdb"), "-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8");
    pgCtl("start", "-o", `-p ${PG_PORT} -k ${dataDir} -c listen_addresses=127.0.0.1`, "-l", path.join(dataDir, "log"));
    await migrate(DATABASE_URL, { quiet: true });
    execFileSync("npx", ["tsx", "scripts/seed.ts"], { env: { ...process.env, DATABASE_URL, LOG_LEVEL: "warn" }, stdio: "ignore" });

    web = await startPrivateWeb(WEB_PORT, { DATABASE_URL, METRICS_TOKEN: OPERATOR_TOKEN });
    const health = async () => {
      const res = await api("/api/health", { baseUrl: web!.baseUrl, token: OPERATOR_TOKEN });
      return { status: res.status, body: res.body as { checks: Record<string, string>; error?: { message: string } } };
    };
    const signIn = () =>
      api("/api/auth/token", { method: "POST", json: { email: "admin@example.com", password: process.env.ADMIN_PASSWORD ?? "admin-demo-password" }, baseUrl: web!.baseUrl });
    await until("health 200 on the private cluster", async () => (await health()).status === 200, 90_000);
    expect((await signIn()).status).toBe(201);

    pgCtl("stop", "-m", "immediate");
    const down = await until("health to report postgres down", async () => {
      const h = await health();
      return h.status === 503 ? h : undefined;
    });
    expect(down.body.checks.postgres).toBe("down");
    expect(down.body.error?.message).toMatch(/postgres/);
    const during = await signIn();
    expect(during.status).toBeGreaterThanOrEqual(500); // no sign-in without the user table, and no crash either
    expect(web.child.exitCode).toBeNull();

    pgCtl("start", "-o", `-p ${PG_PORT} -k ${dataDir} -c listen_addresses=127.0.0.1`, "-l", path.join(dataDir, "log"));
    await until("health 200 again", async () => (await health()).status === 200, 60_000);
    // The pool replaced its dead connections: real queries work again without restarting the web.
    const token = await until("sign-in again", async () => {
      const res = await signIn();
      return res.status === 201 ? (res.body.token as string) : undefined;
    });
    const devices = await api("/api/devices?limit=1", { token, baseUrl: web.baseUrl });
    expect(devices.status).toBe(200);
  }, 300_000);
});
