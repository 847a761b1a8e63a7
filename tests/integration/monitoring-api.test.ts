import { randomUUID } from "node:crypto";
import amqp from "amqplib";
import { ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAlertIndexes } from "@/lib/monitoring/alert-model";
import { RollupAccumulator, writeRollups } from "@/lib/telemetry/rollups";
import { adminToken, api, errorCode, type ApiResponse, newCustomer, newDevice } from "./helpers";
import { placeOrder, shipOrder } from "./order-helpers";
import { closeTelemetryClients, mongo, RABBITMQ_URL } from "./telemetry-helpers";

/** The monitoring API over real PostgreSQL, FerretDB and RabbitMQ: scoping, stats, alerts, export. */
const HOUR = 3_600_000;
const MINUTE = 60_000;
let admin: string;
type ReadingsPage = { total: number; items: { timestamp: string }[]; nextCursor: string | null };

interface Raw {
  device_id: number;
  timestamp: Date;
  metrics: Record<string, number>;
}

/** Stores readings and their rollups the way the worker does (RollupAccumulator + writeRollups). */
async function storeWithRollups(docs: Raw[]) {
  await mongo()
    .collection("monitoring_data")
    .insertMany(docs.map((d) => ({ ...d, messageId: randomUUID(), receivedAt: d.timestamp })));
  const acc = new RollupAccumulator();
  acc.add(docs);
  const { unwritten, error } = await writeRollups(mongo(), acc.take());
  expect(error).toBeUndefined();
  expect(unwritten).toHaveLength(0);
}

async function freshDevice() {
  const device = await newDevice();
  await mongo().collection("monitoring_data").deleteMany({ device_id: device.id });
  await mongo().collection("monitoring_rollups").deleteMany({ device_id: device.id });
  await mongo().collection("device_alerts").deleteMany({ device_id: device.id });
  return device;
}

function alertDoc(deviceId: number, overrides: Record<string, unknown> = {}) {
  const now = new Date();
  return {
    _id: new ObjectId(),
    device_id: deviceId,
    alert_type: "temperature_high",
    severity: "warning",
    message: "Temperature above 30",
    acknowledged: false,
    created_at: now,
    status: "open",
    slot: "open",
    count: 1,
    first_seen_at: now,
    last_seen_at: now,
    metric: "temperature",
    value: 31,
    threshold: 30,
    ...overrides,
  };
}

beforeAll(async () => {
  admin = await adminToken();
  await ensureAlertIndexes(mongo());
});
afterAll(closeTelemetryClients);

describe("GET /api/monitoring/stats for one device", () => {
  it("buckets at interval boundaries with counts, avg, min and max equal to the raw readings", async () => {
    const device = await freshDevice();
    const base = Math.floor((Date.now() - 6 * HOUR) / HOUR) * HOUR;
    const docs: Raw[] = [];
    // Irregular times over ~4 hours, plus readings exactly on an hour boundary and 1 ms before one.
    for (let i = 0; i < 300; i++) {
      const at = base + Math.floor(((i * 7919) % 1000) / 1000 * 4 * HOUR);
      docs.push({ device_id: device.id, timestamp: new Date(at), metrics: { temperature: 10 + ((i * 37) % 200) / 10, humidity: 50 } });
    }
    docs.push({ device_id: device.id, timestamp: new Date(base + 2 * HOUR), metrics: { temperature: 99 } });
    docs.push({ device_id: device.id, timestamp: new Date(base + 2 * HOUR - 1), metrics: { temperature: -20 } });
    await storeWithRollups(docs);

    for (const [interval, ms] of [["1h", HOUR], ["1m", MINUTE]] as const) {
      // `from` in the middle of a bucket is rounded down to that bucket's start.
      const from = new Date(base + 7 * MINUTE + 1234);
      const to = new Date(base + 4 * HOUR);
      const res = await api(`/api/monitoring/stats?deviceId=${device.id}&metric=temperature&interval=${interval}&from=${from.toISOString()}&to=${to.toISOString()}`, { token: admin });
      expect(res.status).toBe(200);
      const alignedFrom = Math.floor(from.getTime() / ms) * ms;
      expect(res.body.from).toBe(new Date(alignedFrom).toISOString());
      expect(res.body.buckets).toHaveLength(Math.ceil((to.getTime() - alignedFrom) / ms));
      for (const bucket of res.body.buckets) {
        const start = Date.parse(bucket.start);
        expect(start % ms).toBe(0);
        const values = docs.filter((d) => d.timestamp.getTime() >= start && d.timestamp.getTime() < start + ms).map((d) => d.metrics.temperature);
        expect(bucket.count).toBe(values.length);
        if (values.length === 0) {
          expect(bucket).toMatchObject({ avg: null, min: null, max: null });
        } else {
          expect(bucket.avg).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
          expect(bucket.min).toBe(Math.min(...values));
          expect(bucket.max).toBe(Math.max(...values));
        }
      }
    }
    // The boundary readings landed on their own sides of the line.
    const hourly = await api(`/api/monitoring/stats?deviceId=${device.id}&metric=temperature&interval=1h&from=${new Date(base).toISOString()}&to=${new Date(base + 4 * HOUR).toISOString()}`, { token: admin });
    expect(hourly.body.buckets[1].min).toBe(-20);
    expect(hourly.body.buckets[2].max).toBe(99);
  });

  it("answers bad intervals, ranges and parameters with a 4xx envelope", async () => {
    const device = await freshDevice();
    const q = (s: string) => api(`/api/monitoring/stats?${s}`, { token: admin });
    const bad = [
      `deviceId=${device.id}&metric=temperature&interval=5m`,
      `deviceId=${device.id}&metric=temperature&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z`,
      `deviceId=${device.id}&metric=temperature&interval=1m&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`,
      `deviceId=${device.id}&metric=pressure`,
      `deviceId=${device.id}`,
      `metric=temperature`,
      `deviceId=abc&metric=temperature`,
      `deviceId=${device.id}&metric=temperature&from=yesterday`,
      `deviceId=${device.id}&metric=temperature&from=2026-01-01T00:00:00Z%00`,
      `bogus=1`,
    ];
    for (const s of bad) {
      const res = await q(s);
      expect(res.status, s).toBe(422);
      expect(errorCode(res)).toBe("validation_failed");
    }
    expect((await q(`deviceId=999999999&metric=temperature`)).status).toBe(404);
  });
});

describe("scoping per role", () => {
  it("shows a customer the units they own now, not others', and not a unit they returned", async () => {
    const owner = await newCustomer();
    const stranger = await newCustomer();
    const [kept, returned, other] = [await freshDevice(), await freshDevice(), await freshDevice()];
    const order = await placeOrder(owner.token, [{ deviceId: kept.id }, { deviceId: returned.id }]);
    expect(order.status).toBe(201);
    // Two parcels; the second comes back, so the order stays shipped with one unit still out.
    await shipOrder(order.body.id, { deviceIds: [kept.id] });
    const second = await api("/api/deliveries", { method: "POST", token: admin, json: { orderId: order.body.id, carrier: "UPS", trackingNumber: `T-${randomUUID().slice(0, 8)}`, deviceIds: [returned.id] } });
    expect(second.status).toBe(201);
    const at = Date.now() - 10 * MINUTE;
    for (const d of [kept, returned, other]) await storeWithRollups([{ device_id: d.id, timestamp: new Date(at), metrics: { temperature: 21 } }]);
    await mongo().collection("device_alerts").insertMany([alertDoc(kept.id), alertDoc(returned.id), alertDoc(other.id)]);

    const before = await api(`/api/monitoring/data/${returned.id}`, { token: owner.token });
    expect(before.status).toBe(200);
    expect(before.body.items).toHaveLength(1);

    const back = await api(`/api/deliveries/${second.body.id}/status`, { method: "PUT", token: admin, json: { status: "returned", note: "refused" } });
    expect(back.status).toBe(200);
    expect((await api(`/api/orders/${order.body.id}`, { token: admin })).body.status).toBe("shipped");

    const from = new Date(at - HOUR).toISOString();
    for (const path of [`/api/monitoring/data/${returned.id}`, `/api/monitoring/data?deviceId=${returned.id}`, `/api/monitoring/stats?deviceId=${returned.id}&metric=temperature&interval=1h&from=${from}`, `/api/monitoring/alerts?deviceId=${returned.id}`, `/api/monitoring/data/${returned.id}/export`]) {
      const res = await api(path, { token: owner.token });
      expect(res.status, path).toBe(404);
      expect(errorCode(res)).toBe("not_found");
    }
    expect((await api(`/api/monitoring/data/${kept.id}`, { token: owner.token })).body.items).toHaveLength(1);
    // Without a deviceId a customer's lists cover exactly their own units.
    const mine = await api(`/api/monitoring/data`, { token: owner.token });
    expect(mine.status).toBe(200);
    expect(new Set(mine.body.items.map((r: { deviceId: number }) => r.deviceId))).toEqual(new Set([kept.id]));
    const alerts = await api(`/api/monitoring/alerts`, { token: owner.token });
    expect(alerts.body.items.map((a: { deviceId: number }) => a.deviceId)).toEqual([kept.id]);
    expect(alerts.body.items[0]).not.toHaveProperty("acknowledgedBy");
    const fleet = await api(`/api/monitoring/stats`, { token: owner.token });
    expect(fleet.status).toBe(200);
    expect(fleet.body.devices).toBe(1);
    expect(fleet.body.openAlerts.warning).toBe(1);

    // Someone else's unit is as absent as one that never existed.
    expect((await api(`/api/monitoring/data/${kept.id}`, { token: stranger.token })).status).toBe(404);
    expect((await api(`/api/monitoring/data`, { token: stranger.token })).body.items).toEqual([]);
    // The admin sees every device.
    for (const d of [kept, returned, other]) expect((await api(`/api/monitoring/data/${d.id}`, { token: admin })).body.items).toHaveLength(1);
  });

  it("answers without a session 401, and odd ids and cursors with 4xx", async () => {
    expect((await api(`/api/monitoring/alerts`)).status).toBe(401);
    expect((await api(`/api/monitoring/data/abc`, { token: admin })).status).toBe(404);
    const device = await freshDevice();
    for (const cursor of ["garbage", "W10", Buffer.from('["x","y"]').toString("base64url"), "%00", "a".repeat(500)]) {
      const res = await api(`/api/monitoring/data/${device.id}?cursor=${cursor}`, { token: admin });
      expect(res.status, cursor).toBe(422);
      expect((await api(`/api/monitoring/alerts?cursor=${cursor}`, { token: admin })).status, cursor).toBe(422);
    }
    expect((await api(`/api/monitoring/alerts?status=closed`, { token: admin })).status).toBe(422);
    expect((await api(`/api/monitoring/alerts/not-an-id/ack`, { method: "PUT", token: admin })).status).toBe(404);
    expect((await api(`/api/monitoring/alerts/${new ObjectId().toHexString()}/clear`, { method: "PUT", token: admin })).status).toBe(404);
  });
});

describe("readings and export", () => {
  it("pages readings newest first and exports the range as CSV, oldest first, without a cap", async () => {
    const device = await freshDevice();
    const base = Date.now() - 3 * HOUR;
    const docs: Raw[] = Array.from({ length: 2500 }, (_, i) => ({ device_id: device.id, timestamp: new Date(base + i * 1000), metrics: { temperature: i % 50, humidity: 40 } }));
    await storeWithRollups(docs);
    const from = new Date(base + 100_000).toISOString();
    const to = new Date(base + 2_300_000).toISOString();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: ApiResponse<ReadingsPage> = await api<ReadingsPage>(`/api/monitoring/data/${device.id}?from=${from}&to=${to}&limit=1000${cursor ? `&cursor=${cursor}` : ""}`, { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(2200);
      seen.push(...res.body.items.map((r: { timestamp: string }) => r.timestamp));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(2200);
    expect(seen[0]).toBe(new Date(base + 2_299_000).toISOString());
    expect([...seen].sort().reverse()).toEqual(seen);

    const csv = await fetch(`${process.env.TEST_BASE_URL ?? "http://127.0.0.1:3100"}/api/monitoring/data/${device.id}/export?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("timestamp,received_at,temperature,humidity,cpu_usage,memory_usage,battery_level,lat,lng");
    expect(lines).toHaveLength(2201);
    expect(lines[1].startsWith(new Date(base + 100_000).toISOString())).toBe(true);
    expect(lines[2200].startsWith(new Date(base + 2_299_000).toISOString())).toBe(true);
  });
});

describe("alerts: list, acknowledge, clear", () => {
  it("acknowledges and clears (admin only), publishes each change, and frees the open slot", async () => {
    const owner = await newCustomer();
    const device = await freshDevice();
    const order = await placeOrder(owner.token, [{ deviceId: device.id }]);
    await shipOrder(order.body.id);
    const first = alertDoc(device.id, { severity: "critical" });
    await mongo().collection("device_alerts").insertOne(first);
    const id = first._id.toHexString();

    const conn = await amqp.connect(RABBITMQ_URL);
    const ch = await conn.createChannel();
    await ch.assertExchange("device_events", "topic", { durable: true });
    const { queue } = await ch.assertQueue("", { exclusive: true });
    await ch.bindQueue(queue, "device_events", `alert.${device.id}`);
    const events: unknown[] = [];
    await ch.consume(queue, (m) => m && events.push(JSON.parse(m.content.toString())), { noAck: true });

    try {
      const open = await api(`/api/monitoring/alerts?deviceId=${device.id}`, { token: admin });
      expect(open.body.items.map((a: { id: string }) => a.id)).toEqual([id]);
      expect((await api(`/api/monitoring/alerts?severity=critical&deviceId=${device.id}`, { token: admin })).body.total).toBe(1);
      expect((await api(`/api/monitoring/alerts?severity=info&deviceId=${device.id}`, { token: admin })).body.total).toBe(0);

      // The owner sees it but may not acknowledge; a stranger learns nothing.
      const denied = await api(`/api/monitoring/alerts/${id}/ack`, { method: "PUT", token: owner.token, json: { note: "mine" } });
      expect(denied.status).toBe(403);
      const stranger = await newCustomer();
      expect((await api(`/api/monitoring/alerts/${id}/ack`, { method: "PUT", token: stranger.token })).status).toBe(404);
      expect((await api(`/api/monitoring/alerts/${id}/ack`, { method: "PUT", token: admin, json: { note: "x\u0000" } })).status).toBe(422);

      const ack = await api(`/api/monitoring/alerts/${id}/ack`, { method: "PUT", token: admin, json: { note: "on it" } });
      expect(ack.status).toBe(200);
      expect(ack.body).toMatchObject({ id, status: "acknowledged", acknowledged: true, ackNote: "on it", acknowledgedBy: "admin@example.com" });
      expect((await api(`/api/monitoring/alerts?deviceId=${device.id}`, { token: admin })).body.items).toEqual([]);
      const acked = await api(`/api/monitoring/alerts?deviceId=${device.id}&status=acknowledged`, { token: owner.token });
      expect(acked.body.items[0]).toMatchObject({ id, status: "acknowledged" });
      expect(acked.body.items[0]).not.toHaveProperty("ackNote");
      expect((await api(`/api/monitoring/alerts/${id}/ack`, { method: "PUT", token: admin })).status).toBe(409);

      const cleared = await api(`/api/monitoring/alerts/${id}/clear`, { method: "PUT", token: admin });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ status: "cleared", clearedBy: "admin@example.com" });
      expect((await api(`/api/monitoring/alerts/${id}/clear`, { method: "PUT", token: admin })).status).toBe(409);
      // The open slot is free again: a new alert of the same type can be raised.
      await mongo().collection("device_alerts").insertOne(alertDoc(device.id));
      const all = await api(`/api/monitoring/alerts?deviceId=${device.id}&status=all`, { token: admin });
      expect(all.body.total).toBe(2);

      const deadline = Date.now() + 30_000;
      while (events.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(events).toMatchObject([
        { v: 1, action: "acknowledged", alert: { id, deviceId: device.id, status: "acknowledged" } },
        { v: 1, action: "cleared", alert: { id, status: "cleared" } },
      ]);
      expect((events[0] as { alert: object }).alert).not.toHaveProperty("ackNote");
    } finally {
      await conn.close();
    }
  });
});
