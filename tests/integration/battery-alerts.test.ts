import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatteryAlerts } from "@/lib/insights/battery-alerts";
import { ensureAlertIndexes, type AlertDoc } from "@/lib/monitoring/alert-model";
import type { AlertChange } from "@/lib/monitoring/alert-raise";
import { COLLECTIONS, type ReadingDoc, type RollupDoc } from "@/lib/telemetry/mongo";
import { bucketStart, rollupId } from "@/lib/telemetry/rollups";

/** The worker's battery_low_soon alerts against the real MongoDB-compatible server and the alert machinery. */
const client = new MongoClient(process.env.MONGODB_URL ?? "mongodb://127.0.0.1:27017/device_monitoring_test");
const db = client.db();
const deviceId = 910_000_000 + Math.floor(Math.random() * 80_000_000);
const HOUR = 3_600_000;
let clock = new Date();
const hourNow = bucketStart(clock, HOUR).getTime();
// 30 hours draining 0.1 points an hour (2.4 a day) down to 20 %: 10 % in about four days.
const level = (hoursAgo: number) => 20 + 0.1 * hoursAgo;
const reading = (i: number, battery: number): ReadingDoc => ({
  messageId: `battery-test-${deviceId}-${i}`,
  device_id: deviceId,
  timestamp: clock,
  receivedAt: clock,
  metrics: { battery_level: battery, temperature: 21 },
});
const open = () => db.collection<AlertDoc>(COLLECTIONS.alerts).findOne({ device_id: deviceId, alert_type: "battery_low_soon", slot: "open" });

beforeAll(async () => {
  await client.connect();
  await ensureAlertIndexes(db);
  const rollups: RollupDoc[] = [];
  for (let h = 1; h <= 30; h++) {
    const start = new Date(hourNow - h * HOUR);
    rollups.push({ _id: rollupId(deviceId, "battery_level", "1h", start), device_id: deviceId, metric: "battery_level", size: "1h", start, count: 1, sum: level(h), min: level(h), max: level(h) });
  }
  await db.collection<RollupDoc>(COLLECTIONS.rollups).insertMany(rollups);
});
afterAll(async () => {
  await db.collection(COLLECTIONS.alerts).deleteMany({ device_id: deviceId });
  await db.collection(COLLECTIONS.rollups).deleteMany({ device_id: deviceId });
  await client.close();
});

describe("battery_low_soon alerts in the worker", () => {
  it("raises the alert with the forecast date and band, evaluates at a bounded rate, and clears it when the battery is replaced", async () => {
    const changes: AlertChange[] = [];
    const engine = new BatteryAlerts(db, async (c) => void changes.push(c), { everyMs: 60_000, now: () => clock });

    engine.observe([reading(1, 19.9)]);
    await engine.drain();
    const alert = await open();
    expect(alert).toMatchObject({ status: "open", severity: "warning", metric: "battery_level" });
    expect(alert!.message).toMatch(/reaches 10 % around \d{4}-\d{2}-\d{2} \(between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}\)/);
    const { reachesAt, earliest, latest } = alert!.details as { reachesAt: string; earliest: string; latest: string };
    const days = (iso: string) => (Date.parse(iso) - clock.getTime()) / (24 * HOUR);
    expect(days(reachesAt)).toBeGreaterThan(3);
    expect(days(reachesAt)).toBeLessThan(5);
    expect(Date.parse(earliest)).toBeLessThanOrEqual(Date.parse(reachesAt));
    expect(Date.parse(latest)).toBeGreaterThanOrEqual(Date.parse(reachesAt));
    expect(changes.map((c) => [c.action, c.alert.alert_type])).toEqual([["raised", "battery_low_soon"]]);

    // Within the period: readings are stored but the forecast is not run again.
    engine.observe([reading(2, 100)]);
    await engine.drain();
    expect(await open()).not.toBeNull();
    expect(changes).toHaveLength(1);

    // A minute later the new battery (100 %) is seen: the forecast restarts after the charge and the alert clears.
    clock = new Date(clock.getTime() + 61_000);
    engine.observe([reading(3, 100)]);
    await engine.drain();
    expect(await open()).toBeNull();
    const cleared = await db.collection<AlertDoc>(COLLECTIONS.alerts).findOne({ _id: alert!._id });
    expect(cleared).toMatchObject({ status: "cleared", cleared_by: "system" });
    expect(changes.map((c) => c.action)).toEqual(["raised", "cleared"]);
  });
});
