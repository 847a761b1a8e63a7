import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import amqp, { type ChannelModel, type ConfirmChannel } from "amqplib";
import { io as connect, type Socket } from "socket.io-client";
import { api, adminToken } from "./helpers";
import { placeOrder, shipOrder } from "./order-helpers";

/** A realtime server of its own (REALTIME_TEST_PORT), re-validating often so that tests need not wait long. */
export const REALTIME_PORT = Number(process.env.REALTIME_TEST_PORT ?? 3190);
export const RABBITMQ_URL = process.env.RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672/device_store_test";
const sockets: Socket[] = [];

export async function startRealtime(env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/realtime-server.ts"], {
    env: { ...process.env, REALTIME_PORT: String(REALTIME_PORT), RABBITMQ_URL, REALTIME_REVALIDATE_MS: "500", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true, // its own process group, so it stops with everything it started
  });
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`realtime server exited (${exited}); is port ${REALTIME_PORT} taken?`);
    const res = await fetch(`http://127.0.0.1:${REALTIME_PORT}/healthz`).catch(() => null);
    // 200 only once it consumes device events: nothing published from now on is missed.
    if (res?.ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("realtime server did not become healthy");
}

export function stopRealtime(child: ChildProcess | undefined) {
  for (const s of sockets.splice(0)) s.close();
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
}

export function open(auth: Record<string, unknown> = {}, extraHeaders?: Record<string, string>): Promise<Socket> {
  const socket = connect(`http://127.0.0.1:${REALTIME_PORT}`, {
    path: "/ws/monitoring",
    auth,
    extraHeaders,
    transports: ["websocket"],
    reconnection: false,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

export const nextEvent = <T = any>(socket: Socket, event: string) => new Promise<T>((resolve) => socket.once(event, resolve)); // eslint-disable-line @typescript-eslint/no-explicit-any

/** Polls until `check` returns a truthy value, or fails after a generous deadline. */
export async function eventually<T>(check: () => Promise<T> | T, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let connection: ChannelModel | undefined;
let channel: ConfirmChannel | undefined;
export async function publish(routingKey: string, ...payloads: unknown[]) {
  connection ??= await amqp.connect(RABBITMQ_URL);
  channel ??= await connection.createConfirmChannel();
  await channel.assertExchange("device_events", "topic", { durable: true });
  for (const payload of payloads) channel.publish("device_events", routingKey, Buffer.from(JSON.stringify(payload)));
  await channel.waitForConfirms();
}
export async function closeBroker() {
  await connection?.close().catch(() => undefined);
  connection = channel = undefined;
}

/** A `telemetry.<id>` message as ingest publishes it: a batch of readings. */
export function telemetryMessage(deviceId: number, readings: Array<{ at: Date; temperature: number; extra?: Record<string, unknown> }>) {
  return {
    v: 1,
    deviceId,
    readings: readings.map((r) => ({
      messageId: randomUUID(),
      receivedAt: new Date().toISOString(),
      timestamp: r.at.toISOString(),
      metrics: { temperature: r.temperature },
      ...r.extra,
    })),
  };
}

/** The customer's order for `deviceId`, shipped and confirmed delivered: the unit is theirs. */
export async function deliverTo(customer: { token: string }, deviceId: number) {
  const order = await placeOrder(customer.token, [{ deviceId }]);
  if (order.status !== 201) throw new Error(`order: ${order.status} ${JSON.stringify(order.body)}`);
  const delivery = await shipOrder(order.body.id);
  const confirmed = await api(`/api/deliveries/${delivery.id}/confirm`, { method: "PUT", token: customer.token });
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { orderId: order.body.id as number, deliveryId: delivery.id };
}

/** The customer sends the unit back: the order is cancelled and the unit is no longer theirs. */
export async function returnDelivery(deliveryId: number) {
  const res = await api(`/api/deliveries/${deliveryId}/issues`, {
    method: "POST",
    token: await adminToken(),
    json: { kind: "returned", note: "sent back" },
  });
  if (res.body?.status !== "returned") throw new Error(`return: ${res.status} ${JSON.stringify(res.body)}`);
}
