import { randomUUID } from "node:crypto";
import mqtt, { type MqttClient } from "mqtt";
import { mqttTopics, mqttUsername } from "@/lib/mqtt/identity";
import { AmqpLink, publishConfirmed } from "@/lib/telemetry/amqp";
import { readingSchema } from "@/lib/telemetry/schema";
import { EXCHANGE, telemetryKey } from "@/lib/telemetry/topology";
import { toMessageJson } from "@/lib/telemetry/schema";
import type { SimDevice, SimReading } from "./device-model";

export type SendResult = { ok: true; accepted: number } | { ok: false; status: number; message: string };

export interface Transport {
  send(device: SimDevice, readings: SimReading[]): Promise<SendResult>;
  close(): Promise<void>;
}

/** The way real devices talk: POST /api/ingest with the device's own token. */
export class HttpTransport implements Transport {
  constructor(private readonly baseUrl: string) {}

  async send(device: SimDevice, readings: SimReading[]): Promise<SendResult> {
    const res = await fetch(`${this.baseUrl}/api/ingest`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${device.token}` },
      body: JSON.stringify(readings.length === 1 ? readings[0] : { readings }),
    });
    const body = (await res.json().catch(() => null)) as { accepted?: number; error?: { message?: string } } | null;
    if (res.status === 202) return { ok: true, accepted: body?.accepted ?? readings.length };
    return { ok: false, status: res.status, message: body?.error?.message ?? res.statusText };
  }

  async close() {}
}

/**
 * Straight onto the exchange, as ingest would publish it (validated by the same schema,
 * messageId and receivedAt assigned here), for load beyond what HTTP can carry.
 */
export class AmqpTransport implements Transport {
  private link: AmqpLink;

  constructor(url: string) {
    this.link = new AmqpLink(url, { name: "simulator", reconnect: false });
  }

  async send(device: SimDevice, readings: SimReading[]): Promise<SendResult> {
    const receivedAt = new Date();
    const parsed = readings.map((r) => ({ ...readingSchema.parse(r), messageId: randomUUID(), receivedAt }));
    const ch = await this.link.channel();
    const body = Buffer.from(JSON.stringify(toMessageJson(device.deviceId, parsed)));
    await publishConfirmed(ch, EXCHANGE, telemetryKey(device.deviceId), body, { messageId: parsed[0].messageId });
    return { ok: true, accepted: readings.length };
  }

  close() {
    return this.link.close();
  }
}

/**
 * Like a real device over MQTT: one session per device (username = id, password = token),
 * QoS 1 publishes to `devices/<id>/telemetry`, and a subscription to `devices/<id>/config`
 * whose retained version is reported back as `raw_data.configVersion`.
 */
export class MqttTransport implements Transport {
  private clients = new Map<number, Promise<MqttClient>>();
  private applied = new Map<number, number>();

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  private session(device: SimDevice): Promise<MqttClient> {
    let client = this.clients.get(device.deviceId);
    if (!client) {
      client = mqtt
        .connectAsync({
          host: this.host,
          port: this.port,
          username: mqttUsername(String(device.deviceId)),
          password: device.token,
          clientId: `${device.deviceId}-sim`,
          reconnectPeriod: 0,
          connectTimeout: 10_000,
        })
        .then(async (c) => {
          c.on("message", (_topic, payload) => {
            const version = Number((JSON.parse(payload.toString()) as { version?: unknown }).version);
            if (Number.isInteger(version)) this.applied.set(device.deviceId, version);
          });
          // A dropped session (e.g. token revoked) is re-opened by the next send.
          c.on("close", () => this.clients.delete(device.deviceId));
          await c.subscribeAsync(mqttTopics.config(device.deviceId), { qos: 1 });
          return c;
        });
      client.catch(() => this.clients.delete(device.deviceId));
      this.clients.set(device.deviceId, client);
    }
    return client;
  }

  async send(device: SimDevice, readings: SimReading[]): Promise<SendResult> {
    let client: MqttClient;
    try {
      client = await this.session(device);
    } catch (error) {
      // The broker refuses the login (bad or revoked token, unit not in the field) like a 401.
      return { ok: false, status: 401, message: `MQTT login refused: ${(error as Error).message}` };
    }
    const version = this.applied.get(device.deviceId);
    const out = version === undefined ? readings : readings.map((r) => ({ ...r, raw_data: { ...r.raw_data, configVersion: version } }));
    await client.publishAsync(mqttTopics.telemetry(device.deviceId), JSON.stringify(out.length === 1 ? out[0] : { readings: out }), { qos: 1 });
    return { ok: true, accepted: readings.length };
  }

  async close() {
    const clients = await Promise.allSettled(this.clients.values());
    await Promise.all(clients.map((c) => (c.status === "fulfilled" ? c.value.endAsync() : undefined)));
  }
}
