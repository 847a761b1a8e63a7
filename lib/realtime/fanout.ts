import type { ConsumeMessage } from "amqplib";
import type { Logger } from "pino";
import { AmqpLink } from "@/lib/telemetry/amqp";
import { EXCHANGE } from "@/lib/telemetry/topology";
import { parseBrokerMessage, type RelayEvent } from "./broker-events";

/** Routing-key families a dashboard cares about; the device id is the key's second part. */
const BINDINGS = ["telemetry.*", "alert.*", "status.*"];

export interface Fanout {
  readonly connected: boolean;
  stop(): Promise<void>;
}

/**
 * Each realtime node reads its own copy of the event stream: a server-named, exclusive queue
 * bound to `device_events`, gone when the node goes, re-declared on every reconnect (AmqpLink).
 * Nodes stay stateless and any number can run side by side. Live views tolerate a gap while
 * reconnecting (the client refetches it from the API), so deliveries are not acked one by one
 * (noAck); stored data is the worker's job, not this one's.
 */
export function startFanout(url: string, log: Logger, onEvent: (event: RelayEvent) => void): Fanout {
  const link = new AmqpLink(url, { name: `realtime-${process.pid}`, reconnect: true, log: (message) => log.warn(message) });
  let dropped = 0;
  const deliver = (msg: ConsumeMessage | null) => {
    if (!msg) return;
    const event = parseBrokerMessage(msg.fields.routingKey, msg.content);
    if (event) return onEvent(event);
    // Not ours to judge (the worker dead-letters bad telemetry, `seen` events are internal); count, don't spam.
    if (++dropped % 1000 === 1) log.debug({ routingKey: msg.fields.routingKey, dropped }, "ignored a device event");
  };
  link.onChannel(async (ch) => {
    const { queue } = await ch.assertQueue("", { exclusive: true, autoDelete: true });
    for (const key of BINDINGS) await ch.bindQueue(queue, EXCHANGE, key);
    await ch.consume(queue, deliver, { noAck: true });
    log.info("consuming device events");
  });
  link.start();
  return {
    get connected() {
      return link.connected;
    },
    stop: () => link.close(),
  };
}
