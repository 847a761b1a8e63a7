import type { ConfirmChannel, ConsumeMessage } from "amqplib";
import { z } from "zod";
import type { AmqpLink } from "./amqp";
import { recordDeviceSightings, type DeviceSighting } from "./device-status";
import { connectivityEventSchema } from "@/lib/monitoring/alert-model";
import { statusEventSchema } from "./schema";
import { QUEUES } from "./topology";

/** `queue_status` carries the worker's `seen` events and the detector's connectivity events. */
const queueStatusEventSchema = z.discriminatedUnion("type", [statusEventSchema, connectivityEventSchema]);

/**
 * Consumes `queue_status` and applies the events to the store in windows (one UPDATE for
 * last_seen_at per window, deployments as they come), acking after the store wrote them.
 */
export class StatusConsumer {
  private held: Array<{ ch: ConfirmChannel; msg: ConsumeMessage; sighting?: DeviceSighting }> = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private consumers = new Map<ConfirmChannel, string>();
  deployed = 0;

  constructor(
    private readonly link: AmqpLink,
    private readonly options: { windowMs: number; log: (m: string) => void },
  ) {}

  setup = async (ch: ConfirmChannel) => {
    await ch.prefetch(1000);
    const { consumerTag } = await ch.consume(QUEUES.status.name, (msg) => msg && this.onMessage(ch, msg), { noAck: false });
    this.consumers.set(ch, consumerTag);
    ch.once("close", () => this.consumers.delete(ch));
  };

  private onMessage(ch: ConfirmChannel, msg: ConsumeMessage) {
    let sighting: DeviceSighting | undefined;
    try {
      const e = queueStatusEventSchema.parse(JSON.parse(msg.content.toString("utf8")));
      // Connectivity is already in the store (the detector wrote it); the event is for dashboards.
      if (e.type === "connectivity") return void ch.ack(msg);
      sighting = { deviceId: e.deviceId, firstAt: new Date(e.firstAt), lastAt: new Date(e.lastAt) };
    } catch {
      this.options.log("dropping an unreadable status event");
      ch.nack(msg, false, false);
      return;
    }
    this.held.push({ ch, msg, sighting });
    this.timer ??= setTimeout(() => void this.apply(), this.options.windowMs);
  }

  apply(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running ??= this.applyOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async applyOnce() {
    const batch = this.held;
    this.held = [];
    if (batch.length === 0) return;
    try {
      const { deployed } = await recordDeviceSightings(batch.flatMap((b) => (b.sighting ? [b.sighting] : [])));
      this.deployed += deployed.length;
      for (const id of deployed) this.options.log(`device ${id} deployed (first telemetry)`);
      for (const b of batch) if (this.link.isCurrent(b.ch)) b.ch.ack(b.msg);
    } catch (error) {
      this.options.log(`applying status events failed: ${(error as Error).message}; will retry`);
      for (const b of batch) if (this.link.isCurrent(b.ch)) b.ch.nack(b.msg, false, true);
    }
    if (this.held.length) this.timer ??= setTimeout(() => void this.apply(), this.options.windowMs);
  }

  async drain(): Promise<void> {
    await Promise.all([...this.consumers].map(([ch, tag]) => ch.cancel(tag).catch(() => undefined)));
    await this.apply();
  }
}
