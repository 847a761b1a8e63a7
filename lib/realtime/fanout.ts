import amqp, { type ChannelModel, type ConsumeMessage } from "amqplib";

export const EVENTS_EXCHANGE = "device_events";
/** Routing-key families a dashboard cares about; the device id is the key's second part. */
const BINDINGS = ["telemetry.*", "alert.*", "status.*"];

export type FanoutHandler = (event: string, deviceId: string, payload: unknown) => void;

/**
 * Each realtime node reads its own copy of the event stream: a server-named, exclusive queue
 * bound to `device_events`, gone when the node goes. Nodes stay stateless and any number can
 * run side by side. Live views tolerate a gap while reconnecting, so deliveries are not acked
 * individually (noAck); stored data is the worker's job, not this one's.
 */
export function startFanout(url: string, onEvent: FanoutHandler): { stop: () => Promise<void> } {
  let connection: ChannelModel | undefined;
  let stopped = false;
  let attempt = 0;

  const connect = async () => {
    while (!stopped) {
      try {
        connection = await amqp.connect(url);
        const channel = await connection.createChannel();
        await channel.assertExchange(EVENTS_EXCHANGE, "topic", { durable: true });
        const { queue } = await channel.assertQueue("", { exclusive: true, autoDelete: true });
        for (const key of BINDINGS) await channel.bindQueue(queue, EVENTS_EXCHANGE, key);
        await channel.consume(queue, (msg) => msg && deliver(msg), { noAck: true });
        attempt = 0;
        console.log("[realtime] consuming device events");
        connection.on("close", () => {
          if (!stopped) setTimeout(connect, 1000);
        });
        connection.on("error", () => {});
        return;
      } catch (error) {
        const delay = Math.min(30_000, 500 * 2 ** attempt++);
        console.warn(`[realtime] broker unavailable (${(error as Error).message}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  };

  const deliver = (msg: ConsumeMessage) => {
    const [event, deviceId] = msg.fields.routingKey.split(".");
    if (!deviceId) return;
    let payload: unknown;
    try {
      payload = JSON.parse(msg.content.toString("utf8"));
    } catch {
      return; // not ours to judge; the worker dead-letters malformed telemetry
    }
    onEvent(event, deviceId, payload);
  };

  void connect();
  return {
    stop: async () => {
      stopped = true;
      await connection?.close().catch(() => {});
    },
  };
}
