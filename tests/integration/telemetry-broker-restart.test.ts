import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { closeTelemetryClients, docsFor, fieldDevice, ingest, reading, startWorker, stopWorker, waitFor, type Worker } from "./telemetry-helpers";

let worker: Worker | undefined;
afterAll(async () => {
  // Whatever happened, never leave the shared broker stopped.
  try {
    execFileSync("rabbitmqctl", ["-q", "start_app"], { stdio: "ignore" });
  } catch {
    /* already running */
  }
  await stopWorker(worker);
  await closeTelemetryClients();
});

const rabbitmqctl = (command: string) => execFileSync("rabbitmqctl", ["-q", command], { stdio: "ignore", timeout: 60_000 });

describe("RabbitMQ restart during ingest", () => {
  it("loses no reading that got a 202, and web and worker reconnect by themselves", async () => {
    worker = startWorker();
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
    rabbitmqctl("stop_app");
    // Keep the outage short: the broker is shared. A second of 503s is enough to prove the point.
    await new Promise((r) => setTimeout(r, 1500));
    rabbitmqctl("start_app");
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
