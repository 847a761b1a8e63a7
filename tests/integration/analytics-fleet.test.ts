import { MongoClient, ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAlertHealth } from "@/lib/analytics/fleet";
import { prng } from "@/simulator/device-model";
import { COLLECTIONS } from "@/lib/telemetry/mongo";

/** Fleet alert health from the real alert collection, against a brute-force count of seeded alerts. */
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
}, 60_000);
afterAll(async () => {
  await db.collection(COLLECTIONS.alerts).deleteMany({ device_id: { $gte: base, $lt: base + 5 } });
  await client.close();
});

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
