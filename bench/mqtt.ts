/**
 * MQTT ingest for bench/telemetry.ts: `devices` simulated devices, each with its own MQTT session
 * (device id + token, checked by the app through the broker's HTTP auth backend), publishing
 * readings one per QoS 1 PUBLISH to RabbitMQ's MQTT plugin; the worker (its MQTT bridge) moves
 * them into the pipeline. Reports readings/s acknowledged (PUBACK) and stored, and how many
 * acknowledged readings were lost or stored twice.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import mqtt, { type MqttClient } from "mqtt";
import { issueDeviceCredential } from "@/lib/provisioning/credentials";
import { mqttTopics, mqttUsername } from "@/lib/mqtt/identity";
import { SimDevice } from "@/simulator/device-model";

export interface MqttFigures {
  devices: number;
  readings: number;
  acceptedPerSec: number;
  readingsPerSec: number;
  lost: number;
  duplicated: number;
  reconnects: number;
}

export async function mqttIngest(opts: {
  appUrl: string;
  host: string;
  port: number;
  ids: number[];
  perDevice: number;
  startWorker: (onStored: (n: number) => void) => ChildProcess;
  countStored: (ids: number[]) => Promise<{ total: number; distinct: number }>;
}): Promise<MqttFigures> {
  // This run's vhost answers MQTT logins through this run's server.
  const reg = spawnSync("npx", ["tsx", "scripts/register-broker-auth.ts", opts.appUrl], { stdio: "inherit", env: process.env });
  if (reg.status !== 0) throw new Error("registering the broker auth backend failed");
  // One at a time: each issue is a transaction, and 200 at once exhaust the pool.
  const tokens: string[] = [];
  for (const id of opts.ids) tokens.push((await issueDeviceCredential(null, id)).token);
  const connect = (i: number) =>
    mqtt.connectAsync({
      host: opts.host,
      port: opts.port,
      username: mqttUsername(String(opts.ids[i])),
      password: tokens[i],
      clientId: `${opts.ids[i]}-bench`,
      reconnectPeriod: 0,
      connectTimeout: 60_000,
      keepalive: 300,
    });
  // Sessions open 20 at a time, as a fleet coming online does, not all in the same millisecond.
  const clients: MqttClient[] = [];
  for (let i = 0; i < opts.ids.length; i += 20) {
    clients.push(...(await Promise.all(opts.ids.slice(i, i + 20).map((_, k) => connect(i + k)))));
  }
  let reconnects = 0;
  let stored = 0;
  let lastWrite = 0;
  const worker = opts.startWorker((n) => {
    stored += n;
    lastWrite = Date.now();
  });
  await new Promise((r) => setTimeout(r, 3000));
  const total = opts.ids.length * opts.perDevice;
  const started = Date.now();
  let acked = 0;
  await Promise.all(
    clients.map(async (first, i) => {
      let client = first;
      const device = new SimDevice(opts.ids[i]);
      const topic = mqttTopics.telemetry(opts.ids[i]);
      for (let k = 0; k < opts.perDevice; k += 5) {
        const now = Date.now();
        const batch = Array.from({ length: Math.min(5, opts.perDevice - k) }, (_, j) => JSON.stringify(device.next(now - 1000 + j)));
        // Like a real device: a dropped session (an auth answer lost under load is a "deny") is
        // re-opened and the unacknowledged readings are sent again; their ids make that harmless.
        for (let attempt = 0; ; attempt++) {
          let onClose = () => {};
          const closed = new Promise<"closed">((resolve) => client.once("close", (onClose = () => resolve("closed"))));
          const sent = await Promise.race([Promise.all(batch.map((body) => client.publishAsync(topic, body, { qos: 1 }))).then(() => "acked" as const), closed]);
          // One listener per batch would pile up on a session that stays open.
          client.off("close", onClose);
          if (sent === "acked") break;
          if (attempt >= 5) throw new Error(`device ${opts.ids[i]}: session keeps dropping`);
          await client.endAsync(true).catch(() => undefined);
          reconnects++;
          client = await connect(i);
          clients[i] = client;
        }
        acked += batch.length;
      }
    }),
  );
  const acceptedPerSec = acked / ((Date.now() - started) / 1000);
  const deadline = Date.now() + 300_000;
  while (stored < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  // Re-sent readings make the worker's flush count run ahead of what is new: settle on the store.
  let counted = await opts.countStored(opts.ids);
  for (let tries = 0; counted.distinct < acked && tries < 60; tries++) {
    await new Promise((r) => setTimeout(r, 1000));
    counted = await opts.countStored(opts.ids);
  }
  const readingsPerSec = counted.distinct / ((lastWrite - started) / 1000);
  worker.kill("SIGTERM");
  await new Promise((r) => worker.once("exit", r));
  await Promise.all(clients.map((c) => c.endAsync(true)));
  const figures: MqttFigures = {
    devices: opts.ids.length,
    readings: total,
    acceptedPerSec: Math.round(acceptedPerSec),
    readingsPerSec: Math.round(readingsPerSec),
    lost: Math.max(0, acked - counted.distinct),
    duplicated: counted.total - counted.distinct,
    reconnects,
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/mqtt.json", JSON.stringify({ title: "MQTT ingest", at: new Date().toISOString(), mqtt: figures }, null, 2));
  return figures;
}
