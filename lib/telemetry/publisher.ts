import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { AmqpLink, publishConfirmed } from "./amqp";
import { toMessageJson, type Reading } from "./schema";
import { EXCHANGE, telemetryKey } from "./topology";

const globalForAmqp = globalThis as unknown as { telemetryPublisher?: AmqpLink };

/** The web's per-process AMQP link; a lost connection is re-opened by the next request. */
export function publisherLink(): AmqpLink {
  globalForAmqp.telemetryPublisher ??= new AmqpLink(config().RABBITMQ_URL, {
    name: "web-ingest",
    reconnect: false,
    log: (m) => logger().warn({ component: "ingest" }, m),
  });
  return globalForAmqp.telemetryPublisher;
}

/** Publishes one device's readings as one persistent message; resolves after the broker confirmed. */
export async function publishReadings(
  deviceId: number,
  readings: Array<Reading & { messageId: string; receivedAt: Date }>,
): Promise<void> {
  try {
    const ch = await publisherLink().channel();
    const body = Buffer.from(JSON.stringify(toMessageJson(deviceId, readings)));
    await publishConfirmed(ch, EXCHANGE, telemetryKey(deviceId), body, { messageId: readings[0].messageId });
  } catch (error) {
    logger().warn({ component: "ingest", err: error }, "telemetry publish failed");
    throw new AppError("service_unavailable", "Telemetry cannot be accepted right now; retry later");
  }
}

/**
 * Publishes one JSON event (alert changes, …) on `device_events`; resolves after the broker
 * confirmed. Callers decide whether a failure matters: a stored change whose event was lost is
 * still right in the API, and dashboards refetch on reconnect.
 */
export async function publishEvent(routingKey: string, payload: unknown): Promise<void> {
  const ch = await publisherLink().channel();
  await publishConfirmed(ch, EXCHANGE, routingKey, Buffer.from(JSON.stringify(payload)));
}
