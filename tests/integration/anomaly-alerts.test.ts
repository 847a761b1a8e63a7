import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnomalyAlerts } from "@/lib/insights/anomaly-alerts";
import { ensureAlertIndexes, type AlertDoc } from "@/lib/monitoring/alert-model";
import type { AlertChange } from "@/lib/monitoring/alert-raise";
import { COLLECTIONS, type ReadingDoc } from "@/lib/telemetry/mongo";

/** The worker's anomaly alerts against the real MongoDB-compatible server and the alert machinery. */
const client = new MongoClient(process.env.MONGODB_URL ?? "mongodb://127.0.0.1:27017/device_monitoring_test");
const db = client.db();
const deviceId = 900_000_000 + Math.floor(Math.random() * 90_000_000);
const t0 = Date.UTC(2026, 5, 1);
const reading = (i: number, temperature: number): ReadingDoc => ({
  messageId: `anomaly-test-${deviceId}-${i}`,
  device_id: deviceId,
  timestamp: new Date(t0 + i * 60_000),
  receivedAt: new Date(t0 + i * 60_000),
  metrics: { temperature },
});
const normal = (i: number) => reading(i, 20 + Math.round(Math.sin(i * 1.7) * 30) / 100);

beforeAll(async () => {
  await client.connect();
  await ensureAlertIndexes(db);
});
afterAll(async () => {
  await db.collection(COLLECTIONS.alerts).deleteMany({ device_id: deviceId });
  await client.close();
});

describe("anomaly alerts in the worker", () => {
  it("raises an explained `anomaly` alert on a spike, publishes it, and clears it after calm readings", async () => {
    const changes: AlertChange[] = [];
    const engine = new AnomalyAlerts(db, async (c) => void changes.push(c), { clearAfterReadings: 5 });
    engine.observe(Array.from({ length: 200 }, (_, i) => normal(i)));
    await engine.drain();
    expect(await db.collection(COLLECTIONS.alerts).countDocuments({ device_id: deviceId })).toBe(0);

    engine.observe([reading(200, 60)]);
    await engine.drain();
    const open = await db.collection<AlertDoc>(COLLECTIONS.alerts).findOne({ device_id: deviceId, alert_type: "anomaly", slot: "open" });
    expect(open).toMatchObject({ status: "open", severity: "warning", metric: "temperature", value: 60 });
    expect(open!.message).toContain("outside the expected");
    expect(open!.details).toMatchObject({ kind: "spike" });
    expect(open!.details!.high as number).toBeLessThan(60);
    expect(changes.map((c) => c.action)).toEqual(["raised"]);

    engine.observe(Array.from({ length: 10 }, (_, i) => normal(201 + i)));
    await engine.drain();
    const after = await db.collection<AlertDoc>(COLLECTIONS.alerts).findOne({ _id: open!._id });
    expect(after).toMatchObject({ status: "cleared", cleared_by: "system" });
    expect(changes.map((c) => c.action)).toEqual(["raised", "cleared"]);
  });
});
