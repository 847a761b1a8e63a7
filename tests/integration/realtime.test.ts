import { spawn, type ChildProcess } from "node:child_process";
import amqp from "amqplib";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, newCustomer, newDevice, sql, unique } from "./helpers";

/** The realtime server relays device events from RabbitMQ to the dashboards allowed to see them. */
const PORT = 3190;
const RABBITMQ_URL = process.env.RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672/device_store_test";
let server: ChildProcess;
const sockets: Socket[] = [];

function open(auth: Record<string, string>): Promise<Socket> {
  const socket = connect(`http://127.0.0.1:${PORT}`, { path: "/ws/monitoring", auth, transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

const nextEvent = (socket: Socket, event: string) => new Promise<any>((resolve) => socket.once(event, resolve)); // eslint-disable-line @typescript-eslint/no-explicit-any

async function publish(routingKey: string, payload: unknown) {
  const connection = await amqp.connect(RABBITMQ_URL);
  const channel = await connection.createConfirmChannel();
  await channel.assertExchange("device_events", "topic", { durable: true });
  channel.publish("device_events", routingKey, Buffer.from(JSON.stringify(payload)));
  await channel.waitForConfirms();
  await connection.close();
}

beforeAll(async () => {
  server = spawn("npx", ["tsx", "workers/realtime-server.ts"], {
    env: { ...process.env, REALTIME_PORT: String(PORT), RABBITMQ_URL },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true, // its own process group, so npx, tsx and node all stop together
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("realtime server did not start")), 60_000);
    server.once("exit", (code) => reject(new Error(`realtime server exited (${code}); is port ${PORT} taken?`)));
    server.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("consuming device events")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
});

afterAll(() => {
  for (const s of sockets) s.close();
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
});

describe("realtime server (/ws/monitoring)", () => {
  it("refuses a connection without a session or token", async () => {
    await expect(open({})).rejects.toThrow(/unauthorized/);
    await expect(open({ token: "not-a-token" })).rejects.toThrow(/unauthorized/);
  });

  it("streams every device's telemetry to an admin dashboard", async () => {
    const admin = await open({ token: await adminToken() });
    const received = nextEvent(admin, "telemetry");
    await publish("telemetry.424242", { metrics: { temperature: 21.5 } });
    await expect(received).resolves.toMatchObject({ deviceId: 424242, metrics: { temperature: 21.5 } });
  });

  it("shows a customer their own devices only", async () => {
    const device = await newDevice();
    const owner = await newCustomer();
    const stranger = await newCustomer();
    // The owner's order has shipped, which hands the unit to them (orders are tested elsewhere).
    const { rows } = await sql().query(
      `INSERT INTO t_orders (customer_id, order_number, status, total_amount, shipping_address, updated_at)
       VALUES ($1, $2, 'shipped', 10, 'Somewhere 1', now()) RETURNING id`,
      [owner.id, unique("ORD-RT")],
    );
    await sql().query(`INSERT INTO t_order_items (order_id, device_id, quantity, unit_price, subtotal) VALUES ($1, $2, 1, 10, 10)`, [
      rows[0].id,
      device.id,
    ]);
    const admin = await open({ token: await adminToken() });
    const ownerSocket = await open({ token: owner.token });
    const strangerSocket = await open({ token: stranger.token });
    let strangerSaw = 0;
    strangerSocket.on("telemetry", () => strangerSaw++);

    const denied = await strangerSocket.emitWithAck("subscribe", device.id);
    expect(denied).toEqual({ error: { code: "not_found", message: "Device not found" } });

    const toOwner = nextEvent(ownerSocket, "telemetry");
    const toAdmin = nextEvent(admin, "telemetry");
    await publish(`telemetry.${device.id}`, { metrics: { battery_level: 80 } });
    await expect(toOwner).resolves.toMatchObject({ deviceId: device.id, metrics: { battery_level: 80 } });
    await toAdmin;
    // Emitted in the same tick as the owner's and admin's copies: by now the stranger would have one.
    await new Promise((r) => setTimeout(r, 200));
    expect(strangerSaw).toBe(0);
  });
});
