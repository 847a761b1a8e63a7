import { randomUUID } from "node:crypto";
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from "amqplib";
import { RABBITMQ_URL, waitFor } from "./telemetry-helpers";

/**
 * A test-only publisher and listener on the real broker: puts messages straight onto
 * `device_events` (bypassing ingest and its validation), and collects events by routing key.
 */
export class TestBroker {
  private constructor(
    private readonly conn: ChannelModel,
    readonly ch: ConfirmChannel,
  ) {}

  static async open(): Promise<TestBroker> {
    const conn = await amqp.connect(RABBITMQ_URL);
    return new TestBroker(conn, await conn.createConfirmChannel());
  }

  async publishRaw(routingKey: string, body: Buffer | string, messageId: string = randomUUID(), headers: Record<string, unknown> = {}) {
    this.ch.publish("device_events", routingKey, typeof body === "string" ? Buffer.from(body) : body, { persistent: true, messageId, headers, contentType: "application/json" });
    await this.ch.waitForConfirms();
  }

  /** One telemetry message as ingest would publish it, with readings as given (not validated). */
  async publishReadings(deviceId: number, readings: Array<Record<string, unknown>>) {
    const receivedAt = new Date().toISOString();
    const body = { v: 1, deviceId, readings: readings.map((r) => ({ messageId: randomUUID(), receivedAt, ...r })) };
    await this.publishRaw(`telemetry.${deviceId}`, JSON.stringify(body), (body.readings[0] as { messageId: string }).messageId);
    return body.readings as Array<{ messageId: string }>;
  }

  /** An exclusive queue bound to `pattern`; returns the parsed bodies received so far. */
  async listen(pattern: string): Promise<Array<{ routingKey: string; body: any }>> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const ch: Channel = await this.conn.createChannel();
    const { queue } = await ch.assertQueue("", { exclusive: true, autoDelete: true });
    await ch.bindQueue(queue, "device_events", pattern);
    const got: Array<{ routingKey: string; body: unknown }> = [];
    await ch.consume(queue, (msg) => msg && got.push({ routingKey: msg.fields.routingKey, body: JSON.parse(msg.content.toString()) }), { noAck: true });
    return got;
  }

  /** Dead letters whose messageId satisfies `match`, taken off the queue; others are put back. */
  async takeDeadLetters(match: (messageId: string) => boolean, expected: number) {
    const found = new Map<string, { reason: string; body: string }>();
    await waitFor(`${expected} dead letters`, async () => {
      const others = [];
      for (;;) {
        const msg = await this.ch.get("queue_dead_letter", { noAck: false });
        if (!msg) break;
        if (match(String(msg.properties.messageId))) {
          found.set(String(msg.properties.messageId), { reason: String(msg.properties.headers?.["x-death-reason"]), body: msg.content.toString() });
          this.ch.ack(msg);
        } else others.push(msg);
      }
      for (const msg of others) this.ch.nack(msg, false, true);
      return found.size >= expected;
    });
    return found;
  }

  async consumers(queue: string): Promise<number> {
    return (await this.ch.checkQueue(queue)).consumerCount;
  }

  close() {
    return this.conn.close();
  }
}
