import { createHash } from "node:crypto";
import type { ConfirmChannel, ConsumeMessage } from "amqplib";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { publishConfirmed, type AmqpLink } from "./amqp";
import { parseIngestBody } from "./ingest";
import { TokenBuckets } from "./rate-limit";
import { deviceMessageId, toMessageJson, type Reading } from "./schema";
import { DEAD_LETTER_EXCHANGE, EXCHANGE, MQTT_QUEUE, telemetryKey } from "./topology";

const ROUTING_KEY = /^devices\.([1-9][0-9]{0,9})\.telemetry$/;
const MAX_BODY = 2 * 1024 * 1024;

/** A UUID (version 5 layout) from a name, so the same content always gets the same id. */
export function nameUuid(name: string): string {
  const h = createHash("sha256").update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/**
 * The stored id of an MQTT reading: from the device's own `messageId` exactly as over HTTP (so a
 * reading sent both ways is one reading), else from the reading's content. A QoS 1
 * retransmission, or a redelivery after a crash here, thus carries the same id, and storage's
 * unique index keeps it once. Two readings with the same timestamp and values are the same reading.
 */
export function mqttMessageId(deviceId: number, reading: Reading): string {
  return reading.messageId ? deviceMessageId(deviceId, reading.messageId) : nameUuid(`mqtt:${deviceId}:content:${JSON.stringify(reading)}`);
}

/**
 * MQTT → pipeline. Devices publish to `devices/<id>/telemetry` (QoS 1; the broker enforced
 * through the auth backend that <id> is the publisher). This consumer reads `queue_mqtt_telemetry`
 * (amq.topic `devices.*.telemetry`), validates with the ingest schema, applies the per-device
 * rate, and republishes in the HTTP ingest format onto `telemetry.<id>` — the worker's one
 * path from there on. Acked only after the republish is confirmed; poison and over-rate
 * messages are dead-lettered with their reason and acked. The device's connection is untouched.
 */
export class MqttBridge {
  private buckets: TokenBuckets;
  forwarded = 0;
  deadLettered = 0;

  constructor(
    private readonly link: AmqpLink,
    private readonly options: { prefetch: number; log: (m: string) => void },
  ) {
    this.buckets = new TokenBuckets(config().INGEST_RATE_PER_SEC, config().INGEST_BURST);
  }

  setup = async (ch: ConfirmChannel) => {
    await ch.prefetch(this.options.prefetch, false);
    await ch.consume(MQTT_QUEUE.name, (msg) => msg && void this.onMessage(ch, msg), { noAck: false });
  };

  private async onMessage(ch: ConfirmChannel, msg: ConsumeMessage) {
    const match = ROUTING_KEY.exec(msg.fields.routingKey);
    if (!match) return this.deadLetter(ch, msg, `unexpected routing key ${msg.fields.routingKey}`);
    const deviceId = Number(match[1]);
    if (msg.content.length > MAX_BODY) return this.deadLetter(ch, msg, "payload_too_large: body over 2 MB");
    let body: unknown;
    try {
      body = JSON.parse(msg.content.toString("utf8"));
    } catch {
      return this.deadLetter(ch, msg, "body is not JSON");
    }
    let readings;
    try {
      readings = parseIngestBody(body);
    } catch (error) {
      return this.deadLetter(ch, msg, describe(error));
    }
    // A redelivery (crash before the ack) counts twice here; the bucket errs on letting it through late.
    if (!msg.fields.redelivered && !this.buckets.take(deviceId, readings.length)) {
      return this.deadLetter(ch, msg, `rate_limited: over ${config().INGEST_RATE_PER_SEC} readings per second`);
    }
    const receivedAt = new Date();
    const stamped = readings.map((r) => ({ ...r, messageId: mqttMessageId(deviceId, r), receivedAt }));
    try {
      const body = Buffer.from(JSON.stringify(toMessageJson(deviceId, stamped)));
      await publishConfirmed(ch, EXCHANGE, telemetryKey(deviceId), body, { messageId: stamped[0].messageId, headers: { "x-source": "mqtt" } });
      if (this.link.isCurrent(ch)) ch.ack(msg);
      this.forwarded += stamped.length;
    } catch (error) {
      // Broker trouble: unacked, so it comes back after the reconnect, with the same ids.
      this.options.log(`mqtt bridge republish failed: ${(error as Error).message}`);
    }
  }

  private async deadLetter(ch: ConfirmChannel, msg: ConsumeMessage, reason: string) {
    this.options.log(`dead-lettering MQTT message on ${msg.fields.routingKey}: ${reason}`);
    try {
      await publishConfirmed(ch, DEAD_LETTER_EXCHANGE, msg.fields.routingKey, msg.content, {
        headers: { "x-death-reason": reason, "x-original-routing-key": msg.fields.routingKey, "x-source": "mqtt" },
        contentType: msg.properties.contentType,
      });
      if (this.link.isCurrent(ch)) ch.ack(msg);
      this.deadLettered++;
    } catch (error) {
      this.options.log(`dead-letter publish failed: ${(error as Error).message}`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof AppError ? `${error.code}: ${error.message}` : (error as Error).message;
}
