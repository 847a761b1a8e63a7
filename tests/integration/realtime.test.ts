import { execFileSync, type ChildProcess } from "node:child_process";
import { SignJWT } from "jose";
import { encode } from "next-auth/jwt";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, newCustomer, newDevice, sql } from "./helpers";
import { placeOrder, shipOrder } from "./order-helpers";
import {
  closeBroker,
  deliverTo,
  eventually,
  nextEvent,
  open,
  publish,
  RABBITMQ_URL,
  REALTIME_PORT,
  returnDelivery,
  startRealtime,
  stopRealtime,
  telemetryMessage,
} from "./realtime-helpers";

/** The realtime server relays device events from RabbitMQ to the dashboards allowed to see them. */
const SECRET = process.env.AUTH_SECRET ?? "test-secret-not-for-production-000000000000";
let server: ChildProcess;
let t0 = Date.now() - 3600_000;
const reading = (temperature: number) => ({ at: new Date((t0 += 1000)), temperature });

beforeAll(async () => {
  server = await startRealtime();
});
afterAll(async () => {
  stopRealtime(server);
  await closeBroker();
});

/** The user's current token version (0 where the column does not exist yet), for hand-made short-lived credentials. */
async function tokenVersion(userId: number): Promise<number> {
  const { rows } = await sql().query(`SELECT (to_jsonb(u) ->> 'token_version')::int AS tv FROM t_users u WHERE id = $1`, [userId]);
  return rows[0]?.tv ?? 0;
}

const subscribe = (socket: Socket, request: unknown) => socket.emitWithAck("subscribe", request);

describe("realtime handshake", () => {
  it("refuses a connection without a session or token, with a forged one, or an expired one", async () => {
    await expect(open({})).rejects.toThrow(/unauthorized/);
    await expect(open({ token: "not-a-token" })).rejects.toThrow(/unauthorized/);
    await expect(open({ token: { nested: true } })).rejects.toThrow(/unauthorized/);
    await expect(open({}, { cookie: "next-auth.session-token=forged" })).rejects.toThrow(/unauthorized/);
    const expired = await encode({ token: { uid: 1, email: "x@example.com", role: "ADMIN" }, secret: SECRET, maxAge: -60 });
    await expect(open({}, { cookie: `next-auth.session-token=${expired}` })).rejects.toThrow(/unauthorized/);
  });

  it("accepts the browser's session cookie and disconnects the socket when the session expires", async () => {
    const customer = await newCustomer();
    const tv = await tokenVersion(customer.id);
    const session = await encode({ token: { uid: customer.id, tv, email: customer.email, role: "CUSTOMER" }, secret: SECRET, maxAge: 3 });
    const socket = await open({}, { cookie: `next-auth.session-token=${session}` });
    const expired = nextEvent(socket, "session_expired");
    const disconnected = nextEvent<string>(socket, "disconnect");
    await expired;
    expect(await disconnected).toBe("io server disconnect");
  });

  it("disconnects an API-token socket when the token expires", async () => {
    const customer = await newCustomer();
    const token = await new SignJWT({ tv: await tokenVersion(customer.id), email: customer.email, name: "T", role: "CUSTOMER" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(String(customer.id))
      .setIssuer("device-store")
      .setAudience("device-store-api")
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + 3)
      .sign(new TextEncoder().encode(SECRET));
    const socket = await open({ token });
    expect(await subscribe(socket, { fleet: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await nextEvent<string>(socket, "disconnect")).toBe("io server disconnect");
  });
});

describe("subscriptions and ownership", () => {
  it("lets admins watch the fleet; a customer neither the fleet nor another customer's device", async () => {
    const [mine, theirs] = [await newDevice(), await newDevice()];
    const [owner, stranger] = [await newCustomer(), await newCustomer()];
    await deliverTo(owner, theirs.id);
    await deliverTo(stranger, mine.id);
    const admin = await open({ token: await adminToken() });
    expect(await subscribe(admin, { fleet: true })).toMatchObject({ ok: true, serverTime: expect.any(String) });

    const ownerSocket = await open({ token: owner.token });
    const strangerSocket = await open({ token: stranger.token });
    expect(await subscribe(strangerSocket, { fleet: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // Someone else's unit answers exactly like a unit that does not exist.
    const foreign = await subscribe(strangerSocket, { deviceId: theirs.id });
    const missing = await subscribe(strangerSocket, { deviceId: 2_000_000_000 });
    expect(foreign).toMatchObject({ ok: false, error: { code: "not_found", message: "Device not found" } });
    expect({ ...missing, serverTime: undefined }).toEqual({ ...foreign, serverTime: undefined });
    expect(await subscribe(ownerSocket, { deviceId: theirs.id })).toMatchObject({ ok: true });
    expect(await subscribe(strangerSocket, { deviceId: mine.id })).toMatchObject({ ok: true });

    const strangerSaw: number[] = [];
    strangerSocket.on("telemetry", (e) => strangerSaw.push(e.deviceId));
    const toOwner = nextEvent(ownerSocket, "telemetry");
    const toAdmin = nextEvent(admin, "telemetry");
    await publish(`telemetry.${theirs.id}`, telemetryMessage(theirs.id, [reading(21.5)]));
    const got = await toOwner;
    expect(got).toEqual({ deviceId: theirs.id, timestamp: expect.any(String), metrics: { temperature: 21.5 } });
    expect(await toAdmin).toEqual(got);
    // The stranger's own device, published after: once it arrives, anything earlier would have too.
    await publish(`telemetry.${mine.id}`, telemetryMessage(mine.id, [reading(19)]));
    await eventually(() => strangerSaw.includes(mine.id), "the stranger's own telemetry");
    expect(strangerSaw).toEqual([mine.id]);
  });

  it("a unit delivered after connecting becomes subscribable without reconnecting", async () => {
    const device = await newDevice();
    const customer = await newCustomer();
    const socket = await open({ token: customer.token });
    const order = await placeOrder(customer.token, [{ deviceId: device.id }]);
    expect(await subscribe(socket, { deviceId: device.id })).toMatchObject({ ok: false, error: { code: "not_found" } });
    await shipOrder(order.body.id);
    await eventually(async () => (await subscribe(socket, { deviceId: device.id })).ok, "the shipped unit to become subscribable");
    const received = nextEvent(socket, "telemetry");
    await publish(`telemetry.${device.id}`, telemetryMessage(device.id, [reading(30)]));
    expect(await received).toMatchObject({ deviceId: device.id, metrics: { temperature: 30 } });
  });

  it("a returned unit stops streaming to its former customer", async () => {
    const [kept, returned] = [await newDevice(), await newDevice()];
    const customer = await newCustomer();
    await deliverTo(customer, kept.id);
    const { deliveryId } = await deliverTo(customer, returned.id);
    const socket = await open({ token: customer.token });
    expect(await subscribe(socket, { deviceId: kept.id })).toMatchObject({ ok: true });
    expect(await subscribe(socket, { deviceId: returned.id })).toMatchObject({ ok: true });
    const seen: Array<{ deviceId: number; metrics: { temperature: number } }> = [];
    socket.on("telemetry", (e) => seen.push(e));
    await publish(`telemetry.${returned.id}`, telemetryMessage(returned.id, [reading(1)]));
    await eventually(() => seen.some((e) => e.deviceId === returned.id), "telemetry of the unit before its return");

    const admin = await open({ token: await adminToken() });
    expect(await subscribe(admin, { deviceId: returned.id })).toMatchObject({ ok: true });
    const adminSaw: number[] = [];
    admin.on("telemetry", (e) => adminSaw.push(e.metrics.temperature));

    const revoked = nextEvent(socket, "unsubscribed");
    await returnDelivery(deliveryId);
    expect(await revoked).toEqual({ deviceId: returned.id, reason: "access_revoked" });
    await publish(`telemetry.${returned.id}`, telemetryMessage(returned.id, [reading(2)]));
    // The admin's copy comes from the same broadcast as the customer's would; after it, one more
    // event on the customer's own connection flushes anything emitted to it before.
    await eventually(() => adminSaw.includes(2), "the admin's copy of the reading after the return");
    await publish(`telemetry.${kept.id}`, telemetryMessage(kept.id, [reading(3)]));
    await eventually(() => seen.some((e) => e.deviceId === kept.id), "telemetry of the unit still owned");
    expect(seen.filter((e) => e.deviceId === returned.id).map((e) => e.metrics.temperature)).toEqual([1]);
    expect(await subscribe(socket, { deviceId: returned.id })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("events", () => {
  it("sends alerts and connectivity changes, with allow-listed fields only, and not the worker's internal events", async () => {
    const device = await newDevice();
    const customer = await newCustomer();
    await deliverTo(customer, device.id);
    const socket = await open({ token: customer.token });
    expect(await subscribe(socket, { deviceId: device.id })).toMatchObject({ ok: true });
    const statuses: unknown[] = [];
    socket.on("device_status", (e) => statuses.push(e));

    const at = new Date().toISOString();
    const alert = {
      id: "65f000000000000000000001", deviceId: device.id, alertType: "temperature_high", metric: "temperature",
      severity: "warning", status: "open", message: "Temperature above 40", acknowledged: false, count: 1,
      value: 41, threshold: 40, details: null, createdAt: at, firstSeenAt: at, lastSeenAt: at, acknowledgedAt: null, clearedAt: null,
    };
    const gotAlert = nextEvent(socket, "alert");
    await publish(`alert.${device.id}`, { v: 1, action: "raised", alert: { ...alert, ackNote: "staff note", acknowledgedBy: "ops@example.com" }, internal: 1 });
    expect(await gotAlert).toEqual({ action: "raised", alert });

    await publish(`status.${device.id}`, { v: 1, type: "seen", deviceId: device.id, firstAt: at, lastAt: at });
    await publish(`status.${device.id}`, { v: 1, type: "connectivity", deviceId: device.id, state: "offline", since: at, lastSeenAt: at });
    await eventually(() => statuses.length > 0, "a device_status event");
    expect(statuses).toEqual([{ deviceId: device.id, state: "offline", since: at, lastSeenAt: at }]);

    // Raw device data and unknown fields never reach a dashboard.
    const telemetry = nextEvent(socket, "telemetry");
    await publish(`telemetry.${device.id}`, telemetryMessage(device.id, [{ ...reading(5), extra: { raw_data: { fw: "secret" }, location: { lat: 1, lng: 2 } } }]));
    expect(Object.keys(await telemetry).sort()).toEqual(["deviceId", "location", "metrics", "timestamp"]);
  });

  it("coalesces a fast device to at most 2 events/s per client, and the last reading always arrives", async () => {
    const device = await newDevice();
    const admin = await open({ token: await adminToken() });
    expect(await subscribe(admin, { deviceId: device.id })).toMatchObject({ ok: true });
    const received: number[] = [];
    admin.on("telemetry", (e) => e.deviceId === device.id && received.push(e.metrics.temperature));
    const started = Date.now();
    const burst = Array.from({ length: 60 }, (_, i) => telemetryMessage(device.id, [reading(i + 1)]));
    await publish(`telemetry.${device.id}`, ...burst);
    await eventually(() => received.includes(60), "the last reading");
    const elapsedMs = Date.now() - started;
    // The server emits a device at most once per 500 ms (490: timer rounding) on its own clock,
    // and all its emits happened within this span.
    expect(received.length).toBeLessThanOrEqual(Math.floor(elapsedMs / 490) + 1);
    expect(received.length).toBeLessThan(60);
    expect(received).toEqual([...received].sort((a, b) => a - b));
  });
});

describe("malformed requests", () => {
  it("answers every malformed payload with an error ack, never an exception, and keeps serving", async () => {
    const customer = await newCustomer();
    const socket = await open({ token: customer.token });
    const malformed: unknown[] = [{ toString: null }, JSON.parse('{"__proto__": {"deviceId": 1}}'), [], null, 42, "x".repeat(10_000),
      { deviceId: "1" }, { deviceId: 1.5 }, { deviceId: -1 }, { deviceId: 1, extra: true }, { fleet: false }, { fleet: "true" }];
    for (const payload of malformed) {
      expect(await subscribe(socket, payload), JSON.stringify(payload)?.slice(0, 40)).toMatchObject({ ok: false, error: { code: "invalid_request", message: expect.any(String) } });
      expect(await socket.emitWithAck("unsubscribe", payload)).toMatchObject({ ok: false, error: { code: "invalid_request" } });
    }
    expect(await socket.emitWithAck("subscribe")).toMatchObject({ ok: false, error: { code: "invalid_request" } });
    expect(await socket.emitWithAck("subscribe", { fleet: true }, "extra")).toMatchObject({ ok: false, error: { code: "invalid_request" } });
    // No callback, or a non-function in its place: nothing to answer, and nothing breaks.
    socket.emit("subscribe", { toString: null });
    socket.emit("subscribe", { deviceId: 1 }, "not-a-function");
    socket.emit("unsubscribe");
    expect(socket.connected).toBe(true);
    expect(await subscribe(socket, { deviceId: 2_000_000_000 })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("closes a connection that sends a 1 MB message, and the server survives and serves others", async () => {
    const customer = await newCustomer();
    const socket = await open({ token: customer.token });
    const closed = nextEvent<string>(socket, "disconnect");
    socket.emit("subscribe", "x".repeat(1_000_000), () => undefined);
    expect(await closed).toMatch(/transport close|transport error/);
    expect(server.exitCode).toBeNull();

    const device = await newDevice();
    const admin = await open({ token: await adminToken() });
    expect(await subscribe(admin, { deviceId: device.id })).toMatchObject({ ok: true });
    const received = nextEvent(admin, "telemetry");
    await publish(`telemetry.${device.id}`, telemetryMessage(device.id, [reading(7)]));
    expect(await received).toMatchObject({ deviceId: device.id });
    const health = await fetch(`http://127.0.0.1:${REALTIME_PORT}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe("operations", () => {
  it("re-connects to the broker by itself when its connection drops, and relays again", async () => {
    const vhost = decodeURIComponent(new URL(RABBITMQ_URL).pathname.slice(1)) || "/";
    const list = execFileSync("rabbitmqctl", ["-q", "list_connections", "pid", "vhost", "client_properties", "--no-table-headers"], { encoding: "utf8", timeout: 60_000 });
    const mine = list.split("\n").filter((line) => line.split("\t")[1] === vhost && line.includes(`"realtime-${server.pid}"`));
    expect(mine).toHaveLength(1);
    // Only this server's own connection is closed; the shared broker keeps running.
    execFileSync("rabbitmqctl", ["-q", "close_connection", mine[0].split("\t")[0], "realtime test"], { timeout: 60_000 });
    const health = async () => (await fetch(`http://127.0.0.1:${REALTIME_PORT}/healthz`)).status;
    await eventually(async () => (await health()) === 503, "healthz to report the lost broker", 30_000).catch(() => undefined);
    await eventually(async () => (await health()) === 200, "the broker link to come back", 60_000);

    const device = await newDevice();
    const admin = await open({ token: await adminToken() });
    expect(await subscribe(admin, { deviceId: device.id })).toMatchObject({ ok: true });
    const received = nextEvent(admin, "telemetry");
    await publish(`telemetry.${device.id}`, telemetryMessage(device.id, [reading(8)]));
    expect(await received).toMatchObject({ deviceId: device.id, metrics: { temperature: 8 } });
  });

  it("shuts down on SIGTERM: connected clients are disconnected and the process exits 0", async () => {
    const admin = await open({ token: await adminToken() });
    const disconnected = nextEvent<string>(admin, "disconnect");
    const exited = new Promise<number | null>((resolve) => (server.exitCode !== null ? resolve(server.exitCode) : server.once("exit", resolve)));
    process.kill(server.pid!, "SIGTERM");
    expect(await disconnected).toMatch(/io server disconnect|transport close/);
    expect(await exited).toBe(0);
  });
});
