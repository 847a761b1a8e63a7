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
  // Sessions open 20 at a time, as a fleet coming online does, not all in the same millisecond.
  const clients: MqttClient[] = [];
  for (let i = 0; i < opts.ids.length; i += 20) {
    const chunk = opts.ids.slice(i, i + 20);
    clients.push(
      ...(await Promise.all(
        chunk.map((id, k) =>
          mqtt.connectAsync({ host: opts.host, port: opts.port, username: mqttUsername(String(id)), password: tokens[i + k], clientId: `${id}-bench`, reconnectPeriod: 0, connectTimeout: 60_000 }),
        ),
      )),
    );
  }
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
    clients.map(async (client, i) => {
      const device = new SimDevice(opts.ids[i]);
      const topic = mqttTopics.telemetry(opts.ids[i]);
      // A small window per device, like a real client's in-flight limit.
      for (let k = 0; k < opts.perDevice; k += 5) {
        const now = Date.now();
        await Promise.all(
          Array.from({ length: Math.min(5, opts.perDevice - k) }, (_, j) =>
            client.publishAsync(topic, JSON.stringify(device.next(now - 1000 + j)), { qos: 1 }).then(() => void acked++),
          ),
        );
      }
    }),
  );
  const acceptedPerSec = acked / ((Date.now() - started) / 1000);
  const deadline = Date.now() + 300_000;
  while (stored < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const readingsPerSec = stored / ((lastWrite - started) / 1000);
  worker.kill("SIGTERM");
  await new Promise((r) => worker.once("exit", r));
  await Promise.all(clients.map((c) => c.endAsync()));
  const counted = await opts.countStored(opts.ids);
  const figures: MqttFigures = {
    devices: opts.ids.length,
    readings: total,
    acceptedPerSec: Math.round(acceptedPerSec),
    readingsPerSec: Math.round(readingsPerSec),
    lost: Math.max(0, acked - counted.distinct),
    duplicated: counted.total - counted.distinct,
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/mqtt.json", JSON.stringify({ title: "MQTT ingest", at: new Date().toISOString(), mqtt: figures }, null, 2));
  return figures;
}
