import amqp from "amqplib";
import { afterAll, describe, expect, it } from "vitest";
import { countRows, sql } from "./helpers";
import { closeTelemetryClients, countFor, docsFor, fieldDevice, isRunning, ingest, mongo, RABBITMQ_URL, reading, startWorker, stopWorker, waitFor, type Worker } from "./telemetry-helpers";

let worker: Worker | undefined;
afterAll(async () => {
  await stopWorker(worker);
  await closeTelemetryClients();
});


describe("telemetry pipeline", () => {
  it("stores 10,000 readings as exactly 10,000 documents with every field intact", async () => {
    const devices = await Promise.all(Array.from({ length: 20 }, () => fieldDevice()));
    const sent = new Map<string, { deviceId: number; body: ReturnType<typeof reading> }>();
    await Promise.all(
      devices.map(async (d, n) => {
        const batch = Array.from({ length: 500 }, (_, i) => reading(n * 1000 + i, Date.now() - 60_000 + i));
        const res = await ingest(d.token, { readings: batch });
        expect(res.status).toBe(202);
        res.body.messageIds.forEach((id: string, i: number) => sent.set(id, { deviceId: d.id, body: batch[i] }));
      }),
    );
    expect(sent.size).toBe(10_000);
    worker = startWorker();
    const ids = devices.map((d) => d.id);
    await waitFor("10,000 documents", async () => (await countFor(ids)) >= 10_000, 120_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await countFor(ids)).toBe(10_000);

    const docs = await docsFor(ids);
    expect(new Set(docs.map((d) => d.messageId)).size).toBe(10_000);
    for (const doc of docs) {
      const original = sent.get(doc.messageId)!;
      expect(original, doc.messageId).toBeDefined();
      expect(doc.device_id).toBe(original.deviceId);
      expect(doc.timestamp.toISOString()).toBe(original.body.timestamp);
      expect(doc.metrics).toEqual(original.body.metrics);
      expect(doc.location).toEqual(original.body.location);
      expect(doc.raw_data).toEqual(original.body.raw_data);
      expect(doc.receivedAt).toBeInstanceOf(Date);
    }
  }, 180_000);

  it("loses and duplicates nothing when the worker is SIGKILLed mid-stream again and again", async () => {
    await stopWorker(worker);
    const devices = await Promise.all(Array.from({ length: 12 }, () => fieldDevice()));
    const ids = devices.map((d) => d.id);
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all(devices.map((d) => ingest(d.token, { readings: Array.from({ length: 50 }, (_, i) => reading(round * 50 + i)) })));
      expect(results.every((r) => r.status === 202)).toBe(true);
    }
    const N = 12 * 10 * 50;
    // Small, slow batches so that each kill lands mid-stream, between a write and its acks.
    const slow = { WORKER_PREFETCH: "2", WORKER_BATCH_SIZE: "1000", WORKER_FLUSH_MS: "300" };
    const atKill: number[] = [];
    for (const threshold of [500, 2000, 3500]) {
      worker = startWorker(slow);
      await waitFor(`${threshold} documents`, async () => (await countFor(ids)) >= threshold, 120_000);
      await stopWorker(worker, "SIGKILL");
      atKill.push(await countFor(ids));
    }
    expect(atKill).toHaveLength(3);
    expect(atKill.every((n) => n > 0 && n < N), `documents at each kill: ${atKill}`).toBe(true);
    worker = startWorker();
    await waitFor(`${N} documents`, async () => (await countFor(ids)) >= N, 120_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await countFor(ids)).toBe(N);
    const distinct = new Set((await docsFor(ids)).map((d) => d.messageId));
    expect(distinct.size).toBe(N);
  }, 300_000);

  it("dead-letters a poison message with its reason and still processes the stream behind it", async () => {
    if (!isRunning(worker)) worker = startWorker();
    const device = await fieldDevice();
    const conn = await amqp.connect(RABBITMQ_URL);
    const ch = await conn.createConfirmChannel();
    const poisonId = `poison-${device.id}`;
    ch.publish("device_events", `telemetry.${device.id}`, Buffer.from("{not json"), { persistent: true, messageId: poisonId });
    ch.publish("device_events", `telemetry.${device.id}`, Buffer.from(JSON.stringify({ v: 1, deviceId: device.id, readings: [{ bogus: true }] })), {
      persistent: true,
      messageId: `${poisonId}-schema`,
    });
    await ch.waitForConfirms();
    const res = await ingest(device.token, { readings: [reading(1), reading(2), reading(3)] });
    expect(res.status).toBe(202);
    await waitFor("the readings behind the poison", async () => (await countFor([device.id])) === 3);

    const reasons = new Map<string, string>();
    await waitFor("both poison messages in the dead-letter queue", async () => {
      // Look through the queue without disturbing other dead letters: unacked ones go back.
      const others = [];
      for (;;) {
        const msg = await ch.get("queue_dead_letter", { noAck: false });
        if (!msg) break;
        if (String(msg.properties.messageId).startsWith(poisonId)) {
          reasons.set(msg.properties.messageId, String(msg.properties.headers?.["x-death-reason"]));
          ch.ack(msg);
        } else others.push(msg);
      }
      for (const msg of others) ch.nack(msg, false, true);
      return reasons.size === 2;
    });
    expect(reasons.get(poisonId)).toContain("not JSON");
    expect(reasons.get(`${poisonId}-schema`)).toMatch(/readings\.0/);
    await conn.close();
  }, 120_000);

  it("deploys a delivered unit on its first reading, audited once with the time of first data", async () => {
    if (!isRunning(worker)) worker = startWorker();
    const device = await fieldDevice();
    const firstAt = Date.now() - 120_000;
    expect((await ingest(device.token, reading(1, firstAt))).status).toBe(202);
    await waitFor("status deployed", async () => (await sql().query("SELECT status FROM t_devices WHERE id = $1", [device.id])).rows[0].status === "deployed");
    const audit = await sql().query(
      "SELECT actor_label, created_at, from_status FROM t_audit_events WHERE entity_id = $1 AND to_status = 'deployed'",
      [device.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor_label: "system:telemetry", from_status: "sold" });
    expect(new Date(audit.rows[0].created_at).getTime()).toBe(firstAt);

    // Later readings move last_seen_at forward but never audit again.
    const laterAt = Date.now() - 1000;
    expect((await ingest(device.token, { readings: [reading(2, laterAt - 500), reading(3, laterAt)] })).status).toBe(202);
    await waitFor("last_seen_at to move", async () => {
      const { rows } = await sql().query("SELECT last_seen_at FROM t_devices WHERE id = $1", [device.id]);
      return rows[0].last_seen_at && new Date(rows[0].last_seen_at).getTime() === laterAt;
    });
    expect(await countRows("t_audit_events", "entity_id = $1 AND to_status = 'deployed'", [device.id])).toBe(1);
    const stored = await mongo().collection("monitoring_data").find({ device_id: device.id }).toArray();
    expect(stored).toHaveLength(3);
  }, 120_000);

  it("keeps rollups per device, metric and bucket (count, sum, min, max)", async () => {
    if (!isRunning(worker)) worker = startWorker();
    const device = await fieldDevice();
    const minute = Math.floor(Date.now() / 60_000) * 60_000 - 120_000;
    const temps = [10, 30, 20];
    const batch = temps.map((t, i) => ({ timestamp: new Date(minute + i * 1000).toISOString(), metrics: { temperature: t } }));
    expect((await ingest(device.token, { readings: batch })).status).toBe(202);
    const rollup = await waitFor("the 1-minute rollup", () =>
      mongo().collection("monitoring_rollups").findOne({ device_id: device.id, metric: "temperature", size: "1m", start: new Date(minute), count: 3 }),
    );
    expect(rollup).toMatchObject({ count: 3, sum: 60, min: 10, max: 30 });
    const hour = await mongo().collection("monitoring_rollups").findOne({ device_id: device.id, metric: "temperature", size: "1h" });
    expect(hour).toMatchObject({ count: 3, min: 10, max: 30 });
  }, 120_000);
});
