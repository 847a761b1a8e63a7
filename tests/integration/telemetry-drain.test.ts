import { afterAll, describe, expect, it } from "vitest";
import { startPrivateFerret, type PrivateFerret } from "./private-ferretdb";
import { TestBroker } from "./queue-helpers";
import { closeTelemetryClients, countFor, isRunning, startWorker, stopWorker, waitFor, type Worker } from "./telemetry-helpers";

const FERRET_PORT = Number(process.env.FAULT_FERRET_PORT ?? 27_000 + Number(process.env.TEST_PORT ?? 3100) % 1000);
let ferret: PrivateFerret | undefined;
let broker: TestBroker | undefined;
let worker: Worker | undefined;
afterAll(async () => {
  await stopWorker(worker, "SIGKILL");
  await ferret?.kill();
  await broker?.close();
  await closeTelemetryClients();
});

describe("SIGTERM while the store is gone", () => {
  it("stops within the drain bound instead of retrying forever, and loses nothing", async () => {
    ferret = await startPrivateFerret(FERRET_PORT);
    broker = await TestBroker.open();
    worker = startWorker({ MONGODB_URL: ferret.url, WORKER_DRAIN_TIMEOUT_MS: "3000", CONNECTIVITY_CHECK_MS: "60000" });
    await waitFor("the worker consuming", async () => (await broker!.consumers("queue_data_ingestion")) >= 1);
    await ferret.kill();

    const deviceId = 1_900_000_000 + Math.floor(Math.random() * 1e6);
    const at = (i: number) => new Date(Date.now() - 10_000 + i).toISOString();
    for (let m = 0; m < 5; m++) await broker.publishReadings(deviceId, [{ timestamp: at(2 * m), metrics: { temperature: 20 } }, { timestamp: at(2 * m + 1), metrics: { temperature: 21 } }]);
    // The worker holds the batch, retrying a store that is not there.
    await waitFor("the worker to hold the batch", async () => (await broker!.ch.checkQueue("queue_data_ingestion")).messageCount === 0);
    worker.child.kill("SIGTERM");
    const code = await waitFor("the worker to exit", async () => (isRunning(worker) ? null : { code: worker!.child.exitCode }), 60_000);
    expect(code!.code).toBe(1); // gave up draining, said so, and left the batch unacknowledged

    // Nothing was lost: a worker on the real store picks the returned messages up.
    const first = worker.output();
    worker = startWorker();
    const logs = () => `--- worker that gave up:\n${first}\n--- worker on the real store:\n${worker!.output()}`;
    let stored = 0;
    await waitFor("all 10 readings stored", async () => (stored = await countFor([deviceId])) === 10, 60_000, () => `stored: ${stored}\n${logs()}`);
  }, 180_000);
});
