import { randomUUID } from "node:crypto";
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
