import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import amqp from "amqplib";
import { io as connect, type Socket, type SocketOptions, type ManagerOptions } from "socket.io-client";

/**
 * Real processes for the gateway and scale-out tests: nginx rendered from the repository's
 * config (scripts/render-gateway-config.sh) and supervisord from scripts/render-supervisor-config.sh,
 * each in its own temporary state directory and on its own ports.
 */
export interface Managed {
  dir: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once("exit", () => r()));

/** Starts nginx in front of the given local ports; fails when nginx is not installed (test.sh installs it). */
export function startGateway(opts: { port: number; webPorts: number[]; realtimePorts: number[] }): Managed {
  const dir = mkdtempSync(path.join(tmpdir(), "gateway-"));
  const conf = execFileSync("bash", ["scripts/render-gateway-config.sh"], {
    env: { ...process.env, STATE_DIR: dir, GATEWAY_PORT: String(opts.port), WEB_PORTS: opts.webPorts.join(" "), REALTIME_PORTS: opts.realtimePorts.join(" ") },
    encoding: "utf8",
  });
  writeFileSync(path.join(dir, "nginx.conf"), conf);
  const child = spawn("nginx", ["-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  return {
    dir,
    child,
    stop: async () => {
      child.kill("SIGTERM");
      await exited(child);
    },
  };
}

export interface Supervisor extends Managed {
  ctl: (...args: string[]) => string;
  pid: (program: string) => number;
  log: () => string;
}

/** Runs supervisord with the product's own programs (ONLY these kinds, SCALE of each). */
export function startSupervisor(env: Record<string, string>): Supervisor {
  const dir = mkdtempSync(path.join(tmpdir(), "supervisor-"));
  const fullEnv = { ...process.env, STATE_DIR: dir, ...env };
  const conf = execFileSync("bash", ["scripts/render-supervisor-config.sh"], { env: fullEnv, encoding: "utf8" });
  const confPath = path.join(dir, "supervisord.conf");
  writeFileSync(confPath, conf);
  const child = spawn("supervisord", ["-n", "-c", confPath], { env: fullEnv, stdio: "ignore" });
  const ctl = (...args: string[]) => spawnSync("supervisorctl", ["-c", confPath, ...args], { encoding: "utf8" }).stdout;
  return {
    dir,
    child,
    ctl,
    pid: (program) => Number(ctl("pid", program).trim()),
    log: () => readFileSync(path.join(dir, "logs", "supervisord.log"), "utf8"),
    stop: async () => {
      child.kill("SIGTERM"); // supervisord stops every program (and its process group) first
      await exited(child);
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a truthy value; fails naming `what` after `ms`. */
export async function until<T>(what: string, check: () => Promise<T> | T, ms = 60_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)}${lastError ? `, error: ${(lastError as Error).message}` : ""})`);
}

/** Whether something already accepts connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/**
 * Refuses to start `what` on ports something already holds: a process left over from an
 * interrupted run would answer in this run's place, and the test would check the wrong thing.
 */
export async function assertPortsFree(ports: number[], what: string): Promise<void> {
  const taken = (await Promise.all(ports.map(async (p) => ((await portInUse(p)) ? p : 0)))).filter(Boolean);
  if (taken.length) throw new Error(`${what}: port ${taken.join(", ")} already in use (left over from an earlier run?); stop that first`);
}

export async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** Opens a Socket.IO connection at /ws/monitoring and resolves once connected. */
export function openSocket(base: string, opts: Partial<ManagerOptions & SocketOptions>): Promise<Socket> {
  const socket = connect(base, { path: "/ws/monitoring", reconnection: false, ...opts });
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      socket.close();
      reject(error);
    };
    socket.once("connect_error", fail);
    // Only the first connection may fail the call; later reconnection attempts are the socket's own business.
    socket.once("connect", () => {
      socket.off("connect_error", fail);
      resolve(socket);
    });
  });
}

/** Opens a dashboard connection and subscribes it to the whole fleet (lib/realtime/contract.ts). */
export async function openFleetSocket(base: string, opts: Partial<ManagerOptions & SocketOptions>): Promise<Socket> {
  const socket = await openSocket(base, opts);
  const ack = (await socket.emitWithAck("subscribe", { fleet: true })) as { ok: boolean };
  if (!ack.ok) throw new Error(`fleet subscription refused: ${JSON.stringify(ack)}`);
  return socket;
}

/** A `telemetry.<id>` message as ingest publishes it (one reading). */
export function telemetryEvent(deviceId: number, temperature = 21.5) {
  const now = new Date().toISOString();
  return {
    routingKey: `telemetry.${deviceId}`,
    payload: { v: 1, deviceId, readings: [{ messageId: crypto.randomUUID(), receivedAt: now, timestamp: now, metrics: { temperature } }] },
  };
}

/** Publishes device events the way the worker does (confirmed, to the device_events exchange). */
export async function publishEvents(rabbitUrl: string, events: { routingKey: string; payload: unknown }[]) {
  const connection = await amqp.connect(rabbitUrl);
  try {
    const channel = await connection.createConfirmChannel();
    await channel.assertExchange("device_events", "topic", { durable: true });
    for (const e of events) channel.publish("device_events", e.routingKey, Buffer.from(JSON.stringify(e.payload)));
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

/** A metric's value (summed over label sets) from Prometheus text. */
export function metricValue(text: string, name: string): number {
  return text
    .split("\n")
    .filter((line) => line.startsWith(name + " ") || line.startsWith(name + "{"))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}
