import { MongoClient } from "mongodb";
import { afterAll, describe, expect, it } from "vitest";
import { api } from "./helpers";
import { startPrivateFerret, type PrivateFerret } from "./private-ferretdb";
import { startPrivateWeb, type PrivateWeb } from "./private-services";
import { until } from "./process-helpers";
import { closeTelemetryClients, fieldDevice, isRunning, startWorker, stopWorker, type Worker } from "./telemetry-helpers";

/**
 * The telemetry store crashes (SIGKILL) under a steady ingest and comes back on the same data.
 * A FerretDB, a web process and a worker of this test's own; the broker is the test vhost's.
 */
const FERRET_PORT = Number(process.env.FAULT_MONGO_FERRET_PORT ?? 27_001 + (Number(process.env.TEST_PORT ?? 3100) % 1000));
const WEB_PORT = Number(process.env.FAULT_MONGO_WEB_PORT ?? 3196);
const OPERATOR_TOKEN = "fault-test-operator-token-0123456789";

let ferret: PrivateFerret | undefined;
let web: PrivateWeb | undefined;
let worker: Worker | undefined;
let store: MongoClient | undefined;
afterAll(async () => {
  await stopWorker(worker, "SIGKILL");
  await web?.stop();
  await store?.close();
  await ferret?.kill();
  await closeTelemetryClients();
});

describe("FerretDB killed under a steady ingest", () => {
  it("answers 503 naming mongodb while it is down, recovers by itself, and stores every accepted reading exactly once", async () => {
    ferret = await startPrivateFerret(FERRET_PORT);
    web = await startPrivateWeb(WEB_PORT, { MONGODB_URL: ferret.url, METRICS_TOKEN: OPERATOR_TOKEN });
    worker = startWorker({ MONGODB_URL: ferret.url, CONNECTIVITY_CHECK_MS: "60000" });
    const device = await fieldDevice();
    const health = async () => {
      const res = await api("/api/health", { baseUrl: web!.baseUrl, token: OPERATOR_TOKEN });
      return { status: res.status, body: res.body as { checks: Record<string, string>; error?: { message: string } } };
    };
    await until("health 200 with the private store", async () => (await health()).status === 200, 90_000);

    // A steady ingest: one reading every 50 ms, each with its own timestamp; the 202s are the promise.
    const accepted = new Set<string>();
    let sent = 0;
    let ingesting = true;
    const ingestLoop = (async () => {
      while (ingesting) {
        const at = Date.now() - 60_000 + sent;
        const res = await api("/api/ingest", {
          method: "POST",
          token: device.token,
          baseUrl: web!.baseUrl,
          json: { timestamp: new Date(at).toISOString(), metrics: { temperature: 20 + (sent % 10) } },
        });
        sent++;
        if (res.status === 202) for (const id of res.body.messageIds as string[]) accepted.add(id);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    await until("some readings accepted before the crash", () => accepted.size >= 20);
    await ferret.crash();
    const down = await until("health to report mongodb down", async () => {
      const h = await health();
      return h.status === 503 ? h : undefined;
    });
    expect(down.body.checks.mongodb).toBe("down");
    expect(down.body.error?.message).toMatch(/mongodb/);
    // Ingest does not need the store: readings keep being accepted into the broker meanwhile.
    const acceptedWhenDown = accepted.size;
    await until("readings accepted while the store is down", () => accepted.size >= acceptedWhenDown + 20);

    await ferret.start();
    const restartedAt = Date.now();
    await until("health 200 again", async () => (await health()).status === 200, 60_000);
    const recoverySeconds = (Date.now() - restartedAt) / 1000;
    await until("more readings after the restart", () => accepted.size >= acceptedWhenDown + 40);
    ingesting = false;
    await ingestLoop;

    store = new MongoClient(ferret.url, { serverSelectionTimeoutMS: 10_000 });
    const readings = store.db().collection<{ messageId: string }>("monitoring_data");
    const logs = () => `sent ${sent}, accepted ${accepted.size}\n--- worker:\n${worker!.output().slice(-4000)}`;
    let stored: string[] = [];
    try {
      await until(
        "every accepted reading stored",
        async () => {
          stored = (await readings.find({ device_id: device.id }, { projection: { messageId: 1 } }).toArray()).map((d) => d.messageId);
          return [...accepted].every((id) => stored.includes(id));
        },
        120_000,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\nstored ${stored.length}\n${logs()}`);
    }
    expect(stored.length, "stored twice").toBe(new Set(stored).size);
    expect(new Set(stored).size).toBe(accepted.size);
    expect(isRunning(worker), "the worker survived the outage").toBe(true);
    expect(web.child.exitCode).toBeNull();
    expect(worker.output()).not.toMatch(/dead-letter/i);
    // The figure for the closing note; not asserted, since a busy machine may take longer.
    console.info(`fault-mongodb: health 200 again ${recoverySeconds.toFixed(1)} s after FerretDB restarted`);
  }, 300_000);
});
