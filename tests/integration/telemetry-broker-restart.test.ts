import { afterAll, describe, expect, it } from "vitest";
import { api } from "./helpers";
import { startPrivateBroker, startPrivateWeb, type PrivateBroker, type PrivateWeb } from "./private-services";
import { closeTelemetryClients, docsFor, fieldDevice, reading, startWorker, stopWorker, waitFor, type Worker } from "./telemetry-helpers";

// Its own broker and its own web process on that broker: restarting the shared RabbitMQ would
// cut off the app under test, the demo and anyone else on this machine.
const BROKER_PORT = Number(process.env.FAULT_BROKER_PORT ?? 5699);
const WEB_PORT = Number(process.env.FAULT_WEB_PORT ?? 3199);

let worker: Worker | undefined;
let broker: PrivateBroker | undefined;
let web: PrivateWeb | undefined;
afterAll(async () => {
  await stopWorker(worker);
  await web?.stop();
  await broker?.stop();
  await closeTelemetryClients();
});

describe("RabbitMQ restart during ingest", () => {
  it("loses no reading that got a 202, and web and worker reconnect by themselves", async () => {
    broker = await startPrivateBroker(BROKER_PORT);
    web = await startPrivateWeb(WEB_PORT, { RABBITMQ_URL: broker.url });
    worker = startWorker({ RABBITMQ_URL: broker.url });
    const ingest = (token: string, json: unknown) => api("/api/ingest", { method: "POST", token, json, baseUrl: web!.baseUrl });
    const devices = await Promise.all(Array.from({ length: 10 }, () => fieldDevice()));
    const accepted = new Set<string>();
    const statuses = new Map<number, number>();
    let phase = "before" as "before" | "outage" | "after";
    let acceptedAfter = 0;
    let stop = false;
    let i = 0;

    const sender = (async () => {
      while (!stop) {
        const d = devices[i++ % devices.length];
        const res = await ingest(d.token, { readings: [reading(i), reading(i + 1)] }).catch(() => ({ status: 0, body: null }));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 202) {
          for (const id of res.body.messageIds) accepted.add(id);
          if (phase === "after") acceptedAfter++;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    await waitFor("some readings accepted", async () => accepted.size >= 100);
    phase = "outage";
    await broker.restart(1500);
    phase = "after";
    await waitFor("ingest accepted again after the restart", async () => acceptedAfter >= 100, 60_000);
    stop = true;
    await sender;

    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    const ids = devices.map((d) => d.id);
    const missing = async () => {
      const stored = new Set((await docsFor(ids)).map((d) => d.messageId));
      return [...accepted].filter((id) => !stored.has(id));
    };
    await waitFor(`all ${accepted.size} accepted readings stored`, async () => (await missing()).length === 0, 90_000);
    expect(await missing()).toEqual([]);
    // Readings answered 503 may still have reached the broker; none may be stored twice.
    const docs = await docsFor(ids);
    expect(new Set(docs.map((d) => d.messageId)).size).toBe(docs.length);
    expect(worker.output()).toContain("reconnected");
  }, 240_000);
});
