import amqp from "amqplib";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, adminToken, sql } from "./helpers";
import {
  answers,
  metricValue,
  openFleetSocket,
  assertPortsFree,
  publishEvents,
  startGateway,
  startSupervisor,
  telemetryEvent,
  until,
  type Managed,
  type Supervisor,
} from "./process-helpers";
import { closeTelemetryClients, docsFor, fieldDevice, reading, RABBITMQ_URL } from "./telemetry-helpers";

/**
 * Scale-out on one machine, as `npm run demo -- --scale 2` runs it: two telemetry workers and two
 * realtime nodes under supervisord (the product's own config), behind the nginx gateway, in front
 * of the suite's web server. Each process is then SIGKILLed and must come back by itself.
 */
const BASE = Number(process.env.SCALE_TEST_PORT_BASE ?? 3240);
const REALTIME_PORTS = [BASE + 1, BASE + 3];
const METRICS_PORTS = [BASE + 6, BASE + 7];
const GATEWAY_PORT = BASE + 8;
const gatewayUrl = `http://127.0.0.1:${GATEWAY_PORT}`;
// Each test waits on conditions (up to 90 s each); the test's own limit must not cut them short
// on a busy machine (8.6 s quiet; several times that under stress-ng on both cores).
const SLOW_MACHINE_MS = 300_000;

let supervisor: Supervisor;
let gateway: Managed;
const sockets: Socket[] = [];

async function ingestionConsumers(): Promise<number> {
  const connection = await amqp.connect(RABBITMQ_URL);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue("queue_data_ingestion")).consumerCount;
  } finally {
    await connection.close();
  }
}

/** Worker processes holding the offline detector's advisory lock (workers/telemetry-worker.ts). */
async function detectorOwners(pids: number[]): Promise<number[]> {
  const { rows } = await sql().query<{ name: string }>(
    `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 7400 AND l.objid = 1 AND a.datname = current_database()`,
  );
  return rows.map((r) => Number(r.name.replace("owner-lock-", ""))).filter((pid) => pids.includes(pid));
}

async function storedBy(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  return metricValue(await res.text(), "readings_stored_total");
}

beforeAll(async () => {
  await assertPortsFree([...REALTIME_PORTS, ...METRICS_PORTS, GATEWAY_PORT], "the scale-out test");
  supervisor = startSupervisor({
    SCALE: "2",
    ONLY: "worker realtime",
    WEB_PORT_BASE: String(BASE),
    WORKER_METRICS_PORT_BASE: String(METRICS_PORTS[0]),
    LOG_LEVEL: "warn",
  });
  gateway = startGateway({ port: GATEWAY_PORT, webPorts: [Number(new URL(BASE_URL).port)], realtimePorts: REALTIME_PORTS });
  await until("two realtime nodes", async () => (await Promise.all(REALTIME_PORTS.map((p) => answers(`http://127.0.0.1:${p}/healthz`)))).every(Boolean), 90_000);
  await until("two workers consuming", async () => (await ingestionConsumers()) === 2, 90_000);
  await until("the gateway", () => answers(`${gatewayUrl}/api/health`));
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await gateway?.stop();
  await supervisor?.stop();
  await closeTelemetryClients();
});

describe("scale-out behind the gateway", () => {
  it("shares ingest through the gateway between the workers, storing every accepted reading once, even when a worker is SIGKILLed", async () => {
    const devices = await Promise.all([0, 1, 2, 3].map(() => fieldDevice()));
    const storedBefore = await Promise.all(METRICS_PORTS.map(storedBy));
    const accepted: string[] = [];
    const send = async (round: number) => {
      for (const device of devices) {
        const res = await fetch(`${gatewayUrl}/api/ingest`, {
          method: "POST",
          headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
          body: JSON.stringify({ readings: Array.from({ length: 10 }, (_, i) => reading(round * 100 + i)) }),
        });
        expect(res.status).toBe(202);
        accepted.push(...((await res.json()) as { messageIds: string[] }).messageIds);
      }
    };
    for (let round = 0; round < 10; round++) await send(round);

    // Both workers took part (competing consumers on one queue)…
    await until("both workers storing", async () => {
      const now = await Promise.all(METRICS_PORTS.map(storedBy));
      return now.every((n, i) => n > storedBefore[i]);
    });

    // …and a worker killed mid-stream loses nothing: its unacked messages go to the other one or to its successor.
    const killed = supervisor.pid("worker-0");
    process.kill(killed, "SIGKILL");
    for (let round = 10; round < 20; round++) await send(round);
    await until("worker-0 restarted by the supervisor", () => supervisor.pid("worker-0") > 0 && supervisor.pid("worker-0") !== killed);

    const ids = devices.map((d) => d.id);
    const docs = await until(
      "every accepted reading stored",
      async () => {
        const found = await docsFor(ids);
        return found.length >= accepted.length ? found : undefined;
      },
      90_000,
    );
    const stored = docs.map((d) => d.messageId as string);
    expect(stored.length).toBe(accepted.length); // none twice
    expect(new Set(stored)).toEqual(new Set(accepted)); // none lost
    expect(supervisor.log()).toMatch(/exited: worker-0 \(terminated by SIGKILL; not expected\)/);
  }, SLOW_MACHINE_MS);

  it("gives the offline detector exactly one owner among the workers, and a new one when the owner dies", async () => {
    const workers = () => [supervisor.pid("worker-0"), supervisor.pid("worker-1")];
    const [owner] = await until("one detector owner", async () => {
      const owners = await detectorOwners(workers());
      return owners.length === 1 ? owners : undefined;
    });
    process.kill(owner, "SIGKILL");
    // PostgreSQL releases a session lock when its connection dies; the other worker (or the
    // restarted one) takes it at its next check — never two at once.
    let most = 0;
    const next = await until(
      "a new detector owner",
      async () => {
        const owners = await detectorOwners(workers());
        most = Math.max(most, owners.length);
        return owners.length === 1 && owners[0] !== owner ? owners[0] : undefined;
      },
      90_000,
    );
    expect(most).toBe(1);
    expect(workers()).toContain(next);
  }, SLOW_MACHINE_MS);

  it("delivers every event exactly once to every dashboard, whichever node it is on", async () => {
    const token = await adminToken();
    const clients = await Promise.all([
      openFleetSocket(`http://127.0.0.1:${REALTIME_PORTS[0]}`, { auth: { token }, transports: ["websocket"] }),
      openFleetSocket(`http://127.0.0.1:${REALTIME_PORTS[1]}`, { auth: { token }, transports: ["websocket"] }),
      openFleetSocket(gatewayUrl, { auth: { token }, transports: ["websocket"] }),
      openFleetSocket(gatewayUrl, { auth: { token }, transports: ["polling"] }),
    ]);
    sockets.push(...clients);
    // Telemetry is coalesced per device (latest wins), so each event here is for a device of its own.
    const base = 800_000 + Math.floor(Math.random() * 90_000);
    const COUNT = 25;
    const devices = Array.from({ length: COUNT }, (_, i) => base + i);
    const sentinel = base + COUNT;
    const seen = clients.map(() => [] as number[]);
    clients.forEach((socket, i) =>
      socket.on("telemetry", (event: { deviceId: number }) => {
        if (event.deviceId >= base && event.deviceId <= sentinel) seen[i].push(event.deviceId);
      }),
    );
    await publishEvents(RABBITMQ_URL, devices.map((id) => telemetryEvent(id)));
    await until("every event at every client", () => seen.every((s) => devices.every((id) => s.includes(id))));
    // A later event: once it is in everywhere, a duplicate of an earlier one would be too.
    await publishEvents(RABBITMQ_URL, [telemetryEvent(sentinel)]);
    await until("the sentinel at every client", () => seen.every((s) => s.includes(sentinel)));
    for (const s of seen) expect([...s].sort((a, b) => a - b)).toEqual([...devices, sentinel]);
  }, SLOW_MACHINE_MS);

  it("restarts a SIGKILLed realtime node without disturbing the other, and its dashboards reconnect", async () => {
    const token = await adminToken();
    const socket = await openFleetSocket(`http://127.0.0.1:${REALTIME_PORTS[0]}`, {
      auth: { token },
      transports: ["websocket"],
      reconnection: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
    });
    sockets.push(socket);
    const other = supervisor.pid("realtime-1");
    const killed = supervisor.pid("realtime-0");
    const disconnected = new Promise((r) => socket.once("disconnect", r));
    process.kill(killed, "SIGKILL");
    await disconnected;
    await until("realtime-0 back", async () => supervisor.pid("realtime-0") !== killed && (await answers(`http://127.0.0.1:${REALTIME_PORTS[0]}/healthz`)));
    await until("the dashboard reconnected", () => socket.connected);
    // Subscriptions do not survive a reconnect (lib/realtime/contract.ts): subscribe again.
    expect(await socket.emitWithAck("subscribe", { fleet: true })).toMatchObject({ ok: true });

    const deviceId = 700_000 + Math.floor(Math.random() * 99_000);
    let got = false;
    socket.on("telemetry", (e: { deviceId: number }) => e.deviceId === deviceId && (got = true));
    await until("events again after the restart", async () => {
      if (!got) await publishEvents(RABBITMQ_URL, [telemetryEvent(deviceId)]);
      await new Promise((r) => setTimeout(r, 300));
      return got;
    });
    expect(supervisor.pid("realtime-1")).toBe(other);
    expect(supervisor.log()).toMatch(/exited: realtime-0 \(terminated by SIGKILL; not expected\)/);
  }, SLOW_MACHINE_MS);
});
