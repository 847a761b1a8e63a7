import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, api } from "./helpers";
import { TestBroker } from "./queue-helpers";
import { closeTelemetryClients, fieldDevice, ingest, mongo, startWorker, stopWorker, waitFor, type Worker } from "./telemetry-helpers";

/** Threshold alerts raised and cleared by real worker processes on real FerretDB and RabbitMQ. */
const alerts = () => mongo().collection("device_alerts");
const workerEnv = { ALERT_BUMP_MS: "200", DEVICE_CONFIG_REFRESH_MS: "500" };
let workers: Worker[] = [];
let broker: TestBroker;

const at = (i: number) => new Date(Date.now() - 60_000 + i * 100).toISOString();
const temp = (value: number, i: number, extra: Record<string, number> = {}) => ({ timestamp: at(i), metrics: { temperature: value, ...extra } });

async function newSensor() {
  const device = await fieldDevice();
  await alerts().deleteMany({ device_id: device.id });
  return device;
}
const openAlert = (deviceId: number, alertType: string) => alerts().findOne({ device_id: deviceId, alert_type: alertType, slot: "open" });

beforeAll(async () => {
  broker = await TestBroker.open();
  workers.push(startWorker(workerEnv));
});
afterAll(async () => {
  await Promise.all(workers.map((w) => stopWorker(w)));
  await broker.close();
  await closeTelemetryClients();
});

describe("threshold alerts in the worker", () => {
  it("raises after three breaching readings, counts repeats, clears with hysteresis, and publishes each change", async () => {
    const device = await newSensor();
    const events = await broker.listen(`alert.${device.id}`);

    // Sensor default: temperature above 60 is critical. Two breaches are not enough.
    expect((await ingest(device.token, { readings: [temp(70, 0), temp(71, 1), temp(20, 2)] })).status).toBe(202);
    expect((await ingest(device.token, { readings: [temp(72, 3), temp(73, 4), temp(74, 5), temp(75, 6), temp(76, 7)] })).status).toBe(202);
    const raised = await waitFor("a temperature alert with all five breaches counted", async () => {
      const a = await openAlert(device.id, "temperature_high");
      return a?.count === 5 ? a : null;
    }).then((a) => a!);
    expect(raised).toMatchObject({ severity: "critical", status: "open", acknowledged: false, metric: "temperature", threshold: 60, value: 76 });
    expect(await alerts().countDocuments({ device_id: device.id })).toBe(1);

    // 58 is inside the line but not below the clear level (60 − 5 % of −20..60 = 56): still open.
    expect((await ingest(device.token, { readings: [temp(58, 8)] })).status).toBe(202);
    expect((await ingest(device.token, { readings: [temp(50, 9)] })).status).toBe(202);
    const cleared = await waitFor("the alert cleared by the system", async () => {
      const a = await alerts().findOne({ _id: raised._id });
      return a?.status === "cleared" ? a : null;
    }).then((a) => a!);
    expect(cleared).toMatchObject({ cleared_by: "system", slot: raised._id.toHexString(), count: 5 });
    expect(cleared.cleared_at).toBeInstanceOf(Date);

    await waitFor("raised, updated and cleared events", async () => events.some((e) => e.body.action === "cleared"));
    const actions = events.map((e) => e.body.action);
    expect(actions[0]).toBe("raised");
    expect(actions.at(-1)).toBe("cleared");
    const last = events.at(-1)!.body;
    expect(last).toMatchObject({ v: 1, alert: { id: raised._id.toHexString(), deviceId: device.id, alertType: "temperature_high", status: "cleared" } });
    // The customer-safe view: no staff fields at all.
    expect(last.alert).not.toHaveProperty("clearedBy");
    expect(last.alert).not.toHaveProperty("ackNote");
  }, 120_000);

  it("after a person clears an alert, the ongoing breach does not reopen it; the next breach after recovery does", async () => {
    const device = await newSensor();
    expect((await ingest(device.token, { readings: [temp(70, 0), temp(70, 1), temp(70, 2)] })).status).toBe(202);
    const first = (await waitFor("an open alert", () => openAlert(device.id, "temperature_high")))!;
    // What the API's manual clear does: status cleared, slot released.
    await alerts().updateOne(
      { _id: first._id },
      { $set: { status: "cleared", slot: first._id.toHexString(), cleared_at: new Date(), cleared_by: { id: 1, email: "admin@example.com" } } },
    );
    expect((await ingest(device.token, { readings: [temp(71, 3), temp(72, 4), temp(73, 5), temp(74, 6)] })).status).toBe(202);
    // The recovery and new breach travel behind those readings on the same queue, so once the new
    // alert exists the repeats above were evaluated without reopening anything.
    expect((await ingest(device.token, { readings: [temp(40, 7)] })).status).toBe(202);
    expect((await ingest(device.token, { readings: [temp(80, 8), temp(81, 9), temp(82, 10)] })).status).toBe(202);
    const second = await waitFor("a new alert", async () => {
      const a = await openAlert(device.id, "temperature_high");
      return a && !a._id.equals(first._id) ? a : null;
    });
    expect(second).toMatchObject({ count: 3, value: 82 });
    expect(await alerts().countDocuments({ device_id: device.id })).toBe(2);
    const manual = await alerts().findOne({ _id: first._id });
    expect(manual).toMatchObject({ status: "cleared", count: 3, cleared_by: { email: "admin@example.com" } });
  }, 120_000);

  it("applies a configuration saved by an admin within seconds", async () => {
    const device = await newSensor();
    // The worker learns the device (and caches its profile) with the sensor default of 60.
    expect((await ingest(device.token, { readings: [temp(35, 0), temp(35, 1), temp(35, 2)] })).status).toBe(202);
    await waitFor("the first readings stored", async () => (await mongo().collection("monitoring_data").countDocuments({ device_id: device.id })) === 3);
    expect(await openAlert(device.id, "temperature_high")).toBeNull();
    const res = await api(`/api/devices/${device.id}/config`, {
      method: "PUT",
      token: await adminToken(),
      json: { reportingIntervalSec: 60, metrics: ["temperature", "humidity"], thresholds: { temperature: { max: 30, severity: "info" } } },
    });
    expect(res.status).toBe(200);
    // Keep sending 35 °C (fine by the sensor default of 60) until the new line of 30 applies.
    let i = 3;
    const alert = await waitFor(
      "an alert at the configured threshold",
      async () => {
        await ingest(device.token, { readings: [temp(35, i++), temp(35, i++), temp(35, i++)] });
        return openAlert(device.id, "temperature_high");
      },
      60_000,
    );
    expect(alert).toMatchObject({ threshold: 30, severity: "info" });
  }, 120_000);
});

describe("two workers racing", () => {
  it("keep at most one open alert per device and type, with every breaching reading counted", async () => {
    await Promise.all(workers.map((w) => stopWorker(w)));
    const slow = { ...workerEnv, WORKER_PREFETCH: "2", WORKER_FLUSH_MS: "20", LOG_LEVEL: "info" };
    workers = [startWorker(slow), startWorker(slow)];
    await waitFor("both workers consuming", async () => (await broker.consumers("queue_data_ingestion")) >= 2);

    const devices = await Promise.all([newSensor(), newSensor(), newSensor()]);
    const MESSAGES = 100;
    // Interleaved so that each device's messages spread over both workers.
    for (let m = 0; m < MESSAGES; m++) {
      for (const d of devices) {
        await broker.publishReadings(d.id, [temp(90, 2 * m, { cpu_usage: 99 }), temp(91, 2 * m + 1, { cpu_usage: 99 })]);
      }
    }
    const total = MESSAGES * 2;
    for (const d of devices) {
      for (const type of ["temperature_high", "cpu_usage_high"]) {
        await waitFor(`${type} of device ${d.id} counting ${total}`, async () => (await openAlert(d.id, type))?.count === total, 120_000);
      }
      const docs = await alerts().find({ device_id: d.id }).toArray();
      expect(docs.map((a) => a.alert_type).sort()).toEqual(["cpu_usage_high", "temperature_high"]);
      expect(docs.every((a) => a.status === "open" && a.count === total)).toBe(true);
    }
    // Both processes did take part: each reports what it stored when it stops.
    await Promise.all(workers.map((w) => stopWorker(w)));
    const stored = workers.map((w) => Number(/"stored":(\d+)[^\n]*"msg":"stopped"/.exec(w.output())?.[1] ?? 0));
    expect(stored.every((n) => n > 0), `readings stored per worker: ${stored}`).toBe(true);
  }, 240_000);
});
