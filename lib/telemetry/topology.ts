import type { Channel } from "amqplib";
import { config } from "@/lib/config";

/** The RabbitMQ topology. Every process declares it on connect; declarations are idempotent. */
export const EXCHANGE = "device_events";
export const DEAD_LETTER_EXCHANGE = "device_events.dlx";
export const DEAD_LETTER_QUEUE = "queue_dead_letter";
export const QUEUES = {
  ingestion: { name: "queue_data_ingestion", pattern: "telemetry.*" },
  alerts: { name: "queue_alerts", pattern: "alert.*" },
  status: { name: "queue_status", pattern: "status.*" },
} as const;

/** MQTT readings land on amq.topic (`devices.<id>.telemetry`); the bridge moves them into the pipeline. */
export const MQTT_QUEUE = { name: "queue_mqtt_telemetry", exchange: "amq.topic", pattern: "devices.*.telemetry" } as const;

export const telemetryKey = (deviceId: number) => `telemetry.${deviceId}`;
export const statusKey = (deviceId: number) => `status.${deviceId}`;

/**
 * `queueType` (RABBITMQ_QUEUE_TYPE): classic, or quorum — replicated over a cluster's nodes, so a
 * confirmed reading survives a node loss. A durable queue cannot change type in place:
 * scripts/migrate-queues.sh replaces empty classic queues (docs/scaling.md).
 */
export async function assertTopology(ch: Channel, queueType = config().RABBITMQ_QUEUE_TYPE): Promise<void> {
  await ch.assertExchange(EXCHANGE, "topic", { durable: true });
  await ch.assertExchange(DEAD_LETTER_EXCHANGE, "fanout", { durable: true });
  await ch.assertQueue(DEAD_LETTER_QUEUE, { durable: true });
  await ch.bindQueue(DEAD_LETTER_QUEUE, DEAD_LETTER_EXCHANGE, "");
  for (const q of Object.values(QUEUES)) {
    // The arguments must be identical everywhere, or RabbitMQ refuses the second declaration.
    // Classic queues get no x-queue-type at all, so queues declared before the setting existed still match.
    const args = queueType === "quorum" ? { "x-queue-type": "quorum" } : undefined;
    await ch.assertQueue(q.name, { durable: true, deadLetterExchange: DEAD_LETTER_EXCHANGE, arguments: args });
    await ch.bindQueue(q.name, EXCHANGE, q.pattern);
  }
  // Declared by every process, so it exists before a device is admitted: the MQTT plugin
  // acknowledges an unroutable publish, and a reading with nowhere to go would be lost.
  await ch.assertQueue(MQTT_QUEUE.name, { durable: true, deadLetterExchange: DEAD_LETTER_EXCHANGE });
  await ch.bindQueue(MQTT_QUEUE.name, MQTT_QUEUE.exchange, MQTT_QUEUE.pattern);
}
