import type { Channel } from "amqplib";

/** The RabbitMQ topology. Every process declares it on connect; declarations are idempotent. */
export const EXCHANGE = "device_events";
export const DEAD_LETTER_EXCHANGE = "device_events.dlx";
export const DEAD_LETTER_QUEUE = "queue_dead_letter";
export const QUEUES = {
  ingestion: { name: "queue_data_ingestion", pattern: "telemetry.*" },
  alerts: { name: "queue_alerts", pattern: "alert.*" },
  status: { name: "queue_status", pattern: "status.*" },
} as const;

export const telemetryKey = (deviceId: number) => `telemetry.${deviceId}`;
export const statusKey = (deviceId: number) => `status.${deviceId}`;

export async function assertTopology(ch: Channel): Promise<void> {
  await ch.assertExchange(EXCHANGE, "topic", { durable: true });
  await ch.assertExchange(DEAD_LETTER_EXCHANGE, "fanout", { durable: true });
  await ch.assertQueue(DEAD_LETTER_QUEUE, { durable: true });
  await ch.bindQueue(DEAD_LETTER_QUEUE, DEAD_LETTER_EXCHANGE, "");
  for (const q of Object.values(QUEUES)) {
    // The arguments must be identical everywhere, or RabbitMQ refuses the second declaration.
    await ch.assertQueue(q.name, { durable: true, deadLetterExchange: DEAD_LETTER_EXCHANGE });
    await ch.bindQueue(q.name, EXCHANGE, q.pattern);
  }
}
