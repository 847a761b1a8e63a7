import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import { afterAll, describe, expect, it } from "vitest";
import { api } from "./helpers";
import { startPrivateWeb, type PrivateWeb } from "./private-services";

// The operator token gets per-service health detail without a database lookup.
const OPERATOR_TOKEN = "fault-test-operator-token-0123456789";
import { fieldDevice, reading, startWorker, stopWorker, type Worker } from "./telemetry-helpers";
import { until } from "./process-helpers";

/**
 * The MongoDB-compatible server goes away during steady ingest and comes back. On a FerretDB of
 * this test's own (SQLite handler, its own port and files) with its own web process and worker
 * pointed at it: the shared server the suite and everyone else use is never touched.
 */
const MONGO_PORT = Number(process.env.FAULT_MONGO_PORT ?? 27_117);
const WEB_PORT = Number(process.env.FAULT_MONGO_WEB_PORT ?? 3198);
const MONGODB_URL = `mongodb://127.0.0.1:${MONGO_PORT}/device_monitoring_fault`;
// A vhost of its own: no other consumer on the machine (a worker of another test, the demo) may
// take these readings and store them somewhere this test doesn't look.
const VHOST = "device_store_fault_mongodb";
const RABBITMQ_URL = `amqp://guest:guest@127.0.0.1:5672/${VHOST}`;
execFileSync("bash", ["-c", `rabbitmqctl -q add_vhost ${VHOST} 2>/dev/null; rabbitmqctl -q set_permissions -p ${VHOST} guest '.*' '.*' '.*'`], { stdio: "ignore" });
const dataDir = mkdtempSync(path.join(tmpdir(), "ferretdb-fault-"));
const binary = execFileSync("bash", ["scripts/ensure-ferretdb.sh"], { encoding: "utf8" }).trim().split("\n").pop()!;

let ferret: ChildProcess | undefined;
let web: PrivateWeb | undefined;
let worker: Worker | undefined;

function startFerret() {
  ferret = spawn(
    binary,
    ["--handler=sqlite", `--sqlite-url=file:${dataDir}/`, `--listen-addr=127.0.0.1:${MONGO_PORT}`, `--state-dir=${dataDir}`, "--telemetry=disable", `--debug-addr=127.0.0.1:${MONGO_PORT + 1}`, "--log-level=error"],
    { stdio: "ignore" },
  );
}
async function stopFerret(signal: NodeJS.Signals) {
  if (!ferret || ferret.exitCode !== null || ferret.signalCode !== null) return;
  const exited = new Promise((r) => ferret!.once("exit", r));
  ferret.kill(signal);
  await exited;
}

afterAll(async () => {
  await stopWorker(worker);
  await web?.stop();
  await stopFerret("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

async function storedIds(ids: number[]): Promise<string[]> {
  const client = new MongoClient(MONGODB_URL, { serverSelectionTimeoutMS: 5000 });
  try {
    const docs = await Promise.all(ids.map((id) => client.db().collection("monitoring_data").find({ device_id: id }, { projection: { messageId: 1 } }).toArray()));
    return docs.flat().map((d) => d.messageId as string);
  } finally {
    await client.close();
  }
}

describe("MongoDB-compatible server killed during ingest", () => {
  it("answers 503 naming mongodb while it is down, keeps accepting readings, and stores each one once after it returns", async () => {
    startFerret();
    web = await startPrivateWeb(WEB_PORT, { MONGODB_URL, RABBITMQ_URL, METRICS_TOKEN: OPERATOR_TOKEN });
    worker = startWorker({ MONGODB_URL, RABBITMQ_URL });
    const health = async () => {
      const res = await api("/api/health", { baseUrl: web!.baseUrl, token: OPERATOR_TOKEN });
      return { status: res.status, body: res.body as { checks: Record<string, string>; error?: { message: string } } };
    };
    await until("health 200 with the private server", async () => (await health()).status === 200, 90_000);

    const devices = await Promise.all([0, 1, 2].map(() => fieldDevice()));
    const accepted: string[] = [];
    let n = 0;
    const send = async () => {
      const d = devices[n++ % devices.length];
      const res = await api("/api/ingest", { method: "POST", token: d.token, json: { readings: [reading(n)] }, baseUrl: web!.baseUrl });
      if (res.status === 202) accepted.push(...(res.body.messageIds as string[]));
      return res.status;
    };
    for (let i = 0; i < 10; i++) expect(await send()).toBe(202);

    await stopFerret("SIGKILL");
    const down = await until("health to report mongodb down", async () => {
      const h = await health();
      return h.status === 503 ? h : undefined;
    });
    expect(down.body.checks.mongodb).toBe("down");
    expect(down.body.checks.postgres).toBe("ok");
    expect(down.body.error?.message).toMatch(/mongodb/);
    // Ingest only needs the broker: readings keep being accepted and wait in the queue.
    for (let i = 0; i < 10; i++) expect(await send()).toBe(202);

    startFerret();
    await until("health 200 again", async () => (await health()).status === 200, 60_000);
    for (let i = 0; i < 10; i++) expect(await send()).toBe(202);

    const ids = devices.map((d) => d.id);
    const stored = await until(
      "every accepted reading stored",
      async () => {
        const found = await storedIds(ids);
        return found.length >= accepted.length ? found : undefined;
      },
      120_000,
    );
    expect(stored.length).toBe(accepted.length);
    expect(new Set(stored)).toEqual(new Set(accepted));
    expect(worker.child.exitCode).toBeNull(); // the worker rode it out rather than crashing
  }, 300_000);
});
