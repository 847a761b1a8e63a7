import { MongoClient, ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAlertHealth } from "@/lib/analytics/fleet";
import { listUptime } from "@/lib/analytics/uptime";
import { CONNECTIVITY_HISTORY } from "@/lib/monitoring/connectivity-detector";
import { prng } from "@/simulator/device-model";
import { COLLECTIONS } from "@/lib/telemetry/mongo";
import { adminToken, api, newCustomer, sql, unique } from "./helpers";

/**
 * Fleet alert health from the real alert collection, and uptime from the real connectivity
 * history and store, each against a brute-force count of what was seeded.
 */
const client = new MongoClient(process.env.MONGODB_URL ?? "mongodb://127.0.0.1:27017/device_monitoring_test");
const db = client.db();
const base = 800_000_000 + Math.floor(Math.random() * 90_000_000);
// A range in the past no other test writes alerts into.
const from = new Date(Date.UTC(2021, 0, 1) + Math.floor(Math.random() * 1000) * 86_400_000);
const to = new Date(from.getTime() + 7 * 86_400_000);
const MIN = 60_000;
interface Seeded {
  device_id: number;
  severity: string;
  status: string;
  count: number;
  created_at: Date;
  acknowledged_at?: Date;
  cleared_at?: Date;
}
const seeded: Seeded[] = [];

beforeAll(async () => {
  await client.connect();
  const random = prng(99);
  for (let i = 0; i < 60; i++) {
    // Some alerts fall just outside the range on either side: they must not count.
    const created = new Date(from.getTime() - 86_400_000 + random() * 9 * 86_400_000);
    const status = random() < 0.3 ? "open" : random() < 0.5 ? "acknowledged" : "cleared";
    const a: Seeded = {
      device_id: base + Math.floor(random() * 5),
      severity: random() < 0.3 ? "critical" : "warning",
      status,
      count: 1 + Math.floor(random() * 10),
      created_at: created,
      ...(status !== "open" ? { acknowledged_at: new Date(created.getTime() + Math.floor(random() * 120) * MIN) } : {}),
      ...(status === "cleared" ? { cleared_at: new Date(created.getTime() + Math.floor(120 + random() * 600) * MIN) } : {}),
    };
    seeded.push(a);
  }
  await db.collection(COLLECTIONS.alerts).insertMany(
    seeded.map((a) => ({ _id: new ObjectId(), ...a, alert_type: `test_${a.created_at.getTime()}`, slot: new ObjectId().toHexString(), message: "t", acknowledged: !!a.acknowledged_at })),
  );
  await seedUptime();
}, 120_000);
afterAll(async () => {
  await db.collection(COLLECTIONS.alerts).deleteMany({ device_id: { $gte: base, $lt: base + 5 } });
  if (uptimeDevices.length) await db.collection(CONNECTIVITY_HISTORY).deleteMany({ device_id: { $in: uptimeDevices.map((d) => d.id) } });
  await client.close();
});

// Uptime: devices in PostgreSQL (deployed at various times, two customers and one unsold unit)
// and their online/offline transitions in MongoDB, on minute boundaries.
type State = "online" | "offline";
interface UptimeSeed {
  id: number;
  customer: string | null;
  deployedAt: Date;
  changes: { at: Date; to: State }[];
}
const uptimeDevices: UptimeSeed[] = [];
const to_ = to;

async function seedUptime() {
  const random = prng(7);
  const names = [unique("Uptime Customer"), unique("Uptime Customer")];
  const customers = [await newCustomer(names[0]), await newCustomer(names[1])];
  const plans = [
    { customer: 0, deployedOffsetDays: -3, pattern: "random" },
    { customer: 0, deployedOffsetDays: 2.5, pattern: "random" },
    { customer: 1, deployedOffsetDays: -1, pattern: "online-before" }, // online since before the range, never changes
    { customer: 1, deployedOffsetDays: 1, pattern: "never" }, // deployed but never seen online
    { customer: null, deployedOffsetDays: -10, pattern: "random" },
    { customer: null, deployedOffsetDays: 8, pattern: "random" }, // deployed after the range: not listed
  ] as const;
  for (const [i, plan] of plans.entries()) {
    const deployedAt = new Date(from.getTime() + Math.round(plan.deployedOffsetDays * 1440) * MIN);
    const { rows } = await sql().query(
      `INSERT INTO t_devices (serial_number, name, type, model, price, status, deployed_at, connectivity, updated_at)
       VALUES ($1, $2, 'uptest', 'UP-1', '10.00', 'deployed', $3, 'online', now()) RETURNING id`,
      [unique("SN"), `Uptime unit ${i}`, deployedAt],
    );
    const id = rows[0].id as number;
    if (plan.customer !== null) {
      const { rows: order } = await sql().query(
        `INSERT INTO t_orders (customer_id, order_number, status, total_amount, shipping_address, created_at, updated_at) VALUES ($1, $2, 'delivered', '10.00', 'Test', $3, now()) RETURNING id`,
        [customers[plan.customer].id, unique("UP"), new Date(deployedAt.getTime() - 86_400_000)],
      );
      await sql().query(`INSERT INTO t_order_items (order_id, device_id, quantity, unit_price, subtotal) VALUES ($1, $2, 1, '10.00', '10.00')`, [order[0].id, id]);
    }
    const changes: UptimeSeed["changes"] = [];
    if (plan.pattern === "online-before") changes.push({ at: new Date(deployedAt.getTime() + 5 * MIN), to: "online" });
    if (plan.pattern === "random") {
      // Alternating transitions from the deployment to past the range's end.
      let at = deployedAt.getTime() + Math.floor(random() * 60) * MIN;
      let to: State = "online";
      while (at < to_.getTime() + 86_400_000) {
        changes.push({ at: new Date(at), to });
        to = to === "online" ? "offline" : "online";
        at += Math.floor(1 + random() * (to === "offline" ? 1800 : 600)) * MIN;
      }
    }
    uptimeDevices.push({ id, customer: plan.customer === null ? null : names[plan.customer], deployedAt, changes });
  }
  const docs = uptimeDevices.flatMap((d) =>
    d.changes.map((c, n) => ({ device_id: d.id, from: n === 0 ? "never_connected" : c.to === "online" ? "offline" : "online", to: c.to, at: c.at, last_seen_at: c.at, timeout_ms: 30_000 })),
  );
  await db.collection(CONNECTIVITY_HISTORY).insertMany(docs);
}

/** Brute force: online minutes of one seeded device, minute by minute, from its deployment (or the range start) to the range end. */
function onlineMinutes(d: UptimeSeed): { online: number; observed: number } {
  let online = 0;
  let observed = 0;
  for (let t = Math.max(from.getTime(), d.deployedAt.getTime()); t < to.getTime(); t += MIN) {
    observed++;
    const last = d.changes.filter((c) => c.at.getTime() <= t).at(-1);
    if (last?.to === "online") online++;
  }
  return { online, observed };
}

describe("fleet alert health", () => {
  it("per device: alerts, repeats, critical, open, mean minutes to acknowledge and to clear — noisiest first", async () => {
    const rows = (await listAlertHealth({ from, to }, db)).filter((r) => r.deviceId >= base && r.deviceId < base + 5);
    const inRange = seeded.filter((a) => a.created_at >= from && a.created_at < to);
    const devices = [...new Set(inRange.map((a) => a.device_id))];
    expect(rows.map((r) => r.deviceId).sort()).toEqual(devices.sort());
    for (const row of rows) {
      const mine = inRange.filter((a) => a.device_id === row.deviceId);
      const acks = mine.filter((a) => a.acknowledged_at).map((a) => (a.acknowledged_at!.getTime() - a.created_at.getTime()) / MIN);
      const clears = mine.filter((a) => a.cleared_at).map((a) => (a.cleared_at!.getTime() - a.created_at.getTime()) / MIN);
      const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
      expect(row).toMatchObject({
        alerts: mine.length,
        repeats: mine.reduce((s, a) => s + a.count - 1, 0),
        critical: mine.filter((a) => a.severity === "critical").length,
        open: mine.filter((a) => a.status !== "cleared").length,
      });
      if (mean(acks) === null) expect(row.meanMinutesToAcknowledge).toBeNull();
      else expect(row.meanMinutesToAcknowledge).toBeCloseTo(mean(acks)!, 9);
      if (mean(clears) === null) expect(row.meanMinutesToClear).toBeNull();
      else expect(row.meanMinutesToClear).toBeCloseTo(mean(clears)!, 9);
    }
    const noise = rows.map((r) => r.alerts + r.repeats);
    expect(noise).toEqual([...noise].sort((a, b) => b - a));
  });
});

describe("fleet uptime", () => {
  it("per device and per customer, from the transitions: state before the range counts, never online is 0 %, time before deployment is excluded", async () => {
    const ids = new Set(uptimeDevices.map((d) => d.id));
    const result = await listUptime({ from, to }, new Date(), db);
    const rows = result.devices.filter((r) => ids.has(r.deviceId));
    const listed = uptimeDevices.filter((d) => d.deployedAt < to);
    expect(rows.map((r) => r.deviceId).sort()).toEqual(listed.map((d) => d.id).sort());
    const byCustomer = new Map<string, { online: number; observed: number; devices: number }>();
    for (const d of listed) {
      const want = onlineMinutes(d);
      const row = rows.find((r) => r.deviceId === d.id)!;
      expect(row.customer).toBe(d.customer);
      expect(row.observedHours).toBeCloseTo(want.observed / 60, 2);
      expect(row.onlineHours).toBeCloseTo(want.online / 60, 2);
      expect(row.uptimePct).toBeCloseTo((want.online / want.observed) * 100, 1);
      if (d.customer) {
        const c = byCustomer.get(d.customer) ?? { online: 0, observed: 0, devices: 0 };
        byCustomer.set(d.customer, { online: c.online + want.online, observed: c.observed + want.observed, devices: c.devices + 1 });
      }
    }
    // The device online since before the range is 100 %; the one never seen online is 0 %.
    expect(rows.find((r) => r.deviceId === uptimeDevices[2].id)!.uptimePct).toBe(100);
    expect(rows.find((r) => r.deviceId === uptimeDevices[3].id)!.uptimePct).toBe(0);
    for (const [name, want] of byCustomer) {
      const row = result.customers.find((c) => c.customer === name)!;
      expect(row.devices).toBe(want.devices);
      expect(row.uptimePct).toBeCloseTo((want.online / want.observed) * 100, 1);
    }

    // What the admin downloads from the analytics page says the same.
    const params = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
    const res = await api(`/api/analytics/customer-uptime?${params}`, { token: await adminToken() });
    expect(res.status).toBe(200);
    const nameA = uptimeDevices[0].customer!;
    const a = res.body.rows.find((r: { customer: string }) => r.customer === nameA);
    expect(a).toMatchObject({ devices: 2, uptimePct: result.customers.find((c) => c.customer === nameA)!.uptimePct });
  });
});
