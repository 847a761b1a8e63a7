import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import amqp from "amqplib";
import { afterAll, describe, expect, it } from "vitest";
import { adminToken, api, sql } from "./helpers";
import { configTopic, connectDevice, MQTT_HOST, MQTT_PORT, telemetryTopic } from "./mqtt-helpers";
import { closeTelemetryClients, countFor, docsFor, fieldDevice, isRunning, RABBITMQ_URL, reading, startWorker, stopWorker, waitFor, type Worker } from "./telemetry-helpers";
import { mqttUsername } from "@/lib/mqtt/identity";

let worker: Worker | undefined;
afterAll(async () => {
  await stopWorker(worker);
  await closeTelemetryClients();
});

/** Dead letters whose original routing key is `key`, taken off the queue (others are put back). */
async function takeDeadLetters(key: string): Promise<string[]> {
  const conn = await amqp.connect(RABBITMQ_URL);
  try {
    const ch = await conn.createChannel();
    const reasons: string[] = [];
    const others = [];
    for (;;) {
      const msg = await ch.get("queue_dead_letter", { noAck: false });
      if (!msg) break;
      if (msg.properties.headers?.["x-original-routing-key"] === key) {
        reasons.push(String(msg.properties.headers?.["x-death-reason"]));
        ch.ack(msg);
      } else others.push(msg);
    }
    for (const msg of others) ch.nack(msg, false, true);
    await ch.close();
    return reasons;
  } finally {
    await conn.close();
  }
}

describe("MQTT telemetry: one pipeline, exactly once", () => {
  it("stores 5,000 QoS 1 readings from 10 devices exactly once, though the worker is SIGKILLed midway", async () => {
    const devices = await Promise.all(Array.from({ length: 10 }, () => fieldDevice()));
    const ids = devices.map((d) => d.id);
    worker = startWorker({ WORKER_PREFETCH: "20", WORKER_FLUSH_MS: "200" });
    const clients = await Promise.all(devices.map((d) => connectDevice(d)));
    const publishing = Promise.all(
      clients.map(async (client, n) => {
        for (let i = 0; i < 500; i++) {
          // Each PUBLISH resolves on PUBACK, i.e. once the broker holds it durably.
          await client.publishAsync(telemetryTopic(ids[n]), JSON.stringify(reading(n * 1000 + i, Date.now() - 60_000 + i)), { qos: 1 });
        }
      }),
    );
    await waitFor("a first part stored", async () => (await countFor(ids)) >= 1000, 120_000);
    await stopWorker(worker, "SIGKILL");
    const atKill = await countFor(ids);
    worker = startWorker();
    await publishing;
    await Promise.all(clients.map((c) => c.endAsync()));
    await waitFor("5,000 documents", async () => (await countFor(ids)) >= 5000, 180_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(atKill).toBeLessThan(5000);
    expect(await countFor(ids)).toBe(5000);
    const docs = await docsFor(ids);
    expect(new Set(docs.map((d) => d.messageId)).size).toBe(5000);
    for (const [n, id] of ids.entries()) {
      const seqs = docs.filter((d) => d.device_id === id).map((d) => d.raw_data.seq as number);
      expect(new Set(seqs).size, `device ${id}`).toBe(500);
      expect(Math.min(...seqs)).toBe(n * 1000);
    }
    // First data deploys a delivered unit, as over HTTP.
    await waitFor("units deployed", async () => {
      const { rows } = await sql().query("SELECT count(*)::int AS n FROM t_devices WHERE id = ANY($1) AND status = 'deployed'", [ids]);
      return rows[0].n === 10;
    });
  }, 400_000);

  it("honours a client messageId: a retransmitted reading is stored once", async () => {
    if (!isRunning(worker)) worker = startWorker();
    const device = await fieldDevice();
    const client = await connectDevice(device);
    const body = JSON.stringify({ ...reading(7), messageId: "0b7c6a52-3f1e-4d2a-9c8b-7e6f5d4c3b2a" });
    await client.publishAsync(telemetryTopic(device.id), body, { qos: 1 });
    await client.publishAsync(telemetryTopic(device.id), body, { qos: 1, dup: true });
    await client.publishAsync(telemetryTopic(device.id), JSON.stringify({ readings: [reading(8), reading(9)] }), { qos: 1 });
    await client.endAsync();
    await waitFor("3 readings", async () => (await countFor([device.id])) >= 3);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await countFor([device.id])).toBe(3);
  }, 60_000);

  it("dead-letters poison with its reason while good readings keep flowing on the same connection", async () => {
    if (!isRunning(worker)) worker = startWorker();
    const device = await fieldDevice();
    const client = await connectDevice(device);
    const topic = telemetryTopic(device.id);
    await client.publishAsync(topic, "{not json", { qos: 1 });
    await client.publishAsync(topic, JSON.stringify({ timestamp: new Date().toISOString(), metrics: { temperature: "hot" } }), { qos: 1 });
    await client.publishAsync(topic, JSON.stringify(reading(1)), { qos: 1 });
    await client.publishAsync(topic, JSON.stringify(reading(2)), { qos: 1 });
    await waitFor("the good readings", async () => (await countFor([device.id])) === 2);
    expect(client.connected).toBe(true);
    await client.endAsync();
    const reasons: string[] = [];
    await waitFor("both poison messages dead-lettered", async () => {
      reasons.push(...(await takeDeadLetters(`devices.${device.id}.telemetry`)));
      return reasons.length >= 2;
    });
    expect(reasons.some((r) => r.includes("not JSON"))).toBe(true);
    expect(reasons.some((r) => r.includes("metrics.temperature"))).toBe(true);
  }, 60_000);

  it("pushes a saved configuration as a retained message to a device that connects later, and shows applied vs desired", async () => {
    if (!isRunning(worker)) worker = startWorker();
    const device = await fieldDevice();
    const admin = await adminToken();
    const saved = await api(`/api/devices/${device.id}/config`, {
      method: "PUT",
      token: admin,
      json: { reportingIntervalSec: 30, metrics: ["temperature", "humidity"], thresholds: { temperature: { max: 70 } } },
    });
    expect(saved.status).toBe(200);
    const version = saved.body.version as number;

    const client = await connectDevice(device, { clean: true });
    const received = new Promise<{ topic: string; retain: boolean; body: { version: number; config: { reportingIntervalSec: number } } }>((resolve) =>
      client.on("message", (topic, payload, packet) => resolve({ topic, retain: packet.retain, body: JSON.parse(payload.toString()) })),
    );
    await client.subscribeAsync(configTopic(device.id), { qos: 1 });
    const message = await received;
    expect(message).toMatchObject({ topic: configTopic(device.id), retain: true, body: { version, config: { reportingIntervalSec: 30 } } });

    const view = await api(`/api/devices/${device.id}/config`, { token: admin });
    expect(view.body).toMatchObject({ version, applied: null });
    await client.publishAsync(telemetryTopic(device.id), JSON.stringify({ ...reading(1, Date.now() - 500), raw_data: { configVersion: version } }), { qos: 1 });
    await client.endAsync();
    const applied = await waitFor("the applied version", async () => (await api(`/api/devices/${device.id}/config`, { token: admin })).body.applied);
    expect(applied.version).toBe(version);
  }, 90_000);

  it("accepts and stores a reading sent with the README's mosquitto_pub command", async () => {
    if (!isRunning(worker)) worker = startWorker();
    const device = await fieldDevice();
    const readme = readFileSync("README.md", "utf8");
    const command = readme.match(/^mosquitto_pub .*$/m)?.[0];
    expect(command).toBeDefined();
    // Run as written, in a shell, with the README's variables set; only the broker address and,
    // outside the demo's default vhost, the `vhost:` prefix of the username differ in this run.
    const filled = command!
      .replace("-h 127.0.0.1", `-h ${MQTT_HOST}`)
      .replace("-p 1884", `-p ${MQTT_PORT}`)
      .replace('-u "$DEVICE_ID"', `-u "${mqttUsername(String(device.id))}"`);
    await promisify(execFile)("bash", ["-c", filled], { timeout: 30_000, env: { ...process.env, DEVICE_ID: String(device.id), DEVICE_TOKEN: device.token } });
    await waitFor("the mosquitto_pub reading", async () => (await countFor([device.id])) === 1);
  }, 60_000);

  it("dead-letters readings over the device's rate as rate_limited and keeps the session open", async () => {
    await stopWorker(worker);
    worker = startWorker({ INGEST_RATE_PER_SEC: "1", INGEST_BURST: "500" });
    const device = await fieldDevice();
    const client = await connectDevice(device);
    const batch = (from: number) => ({ readings: Array.from({ length: 300 }, (_, i) => reading(from + i)) });
    await client.publishAsync(telemetryTopic(device.id), JSON.stringify(batch(0)), { qos: 1 });
    await client.publishAsync(telemetryTopic(device.id), JSON.stringify(batch(300)), { qos: 1 });
    const reasons: string[] = [];
    await waitFor("the over-rate batch dead-lettered", async () => {
      reasons.push(...(await takeDeadLetters(`devices.${device.id}.telemetry`)));
      return reasons.length >= 1;
    });
    expect(reasons[0]).toMatch(/^rate_limited/);
    await waitFor("the batch within the rate stored", async () => (await countFor([device.id])) === 300);
    expect(client.connected).toBe(true);
    await client.endAsync();
    await stopWorker(worker);
  }, 90_000);
});
