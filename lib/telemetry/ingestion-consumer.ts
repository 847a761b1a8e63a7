import type { ConfirmChannel, ConsumeMessage } from "amqplib";
import type { Db } from "mongodb";
import { publishConfirmed, type AmqpLink } from "./amqp";
import type { ReadingDoc } from "./mongo";
import type { RollupAccumulator } from "./rollups";
import { telemetryMessageSchema, type StatusEvent } from "./schema";
import { storeReadings, toReadingDocs } from "./store";
import { DEAD_LETTER_EXCHANGE, EXCHANGE, QUEUES, statusKey } from "./topology";

interface Pending {
  ch: ConfirmChannel;
  msg: ConsumeMessage;
  docs: ReadingDoc[];
}

export interface IngestionOptions {
  prefetch: number;
  batchSize: number;
  flushMs: number;
  log: (message: string) => void;
}

const STATUS_EVERY_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Consumes `queue_data_ingestion`: batches messages, writes them with one unordered insertMany,
 * feeds the rollups, publishes `status.<deviceId>`, and only then acks. A crash anywhere before
 * the ack means redelivery, and the unique messageId turns the second write into a no-op.
 */
export class IngestionConsumer {
  private pending: Pending[] = [];
  private pendingReadings = 0;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private consumers = new Map<ConfirmChannel, string>();
  private statusSentAt = new Map<number, number>();
  private statusHeld = new Map<number, { first: Date; last: Date }>();
  stored = 0;
  deadLettered = 0;

  constructor(
    private readonly link: AmqpLink,
    private readonly db: Db,
    private readonly rollups: RollupAccumulator,
    private readonly options: IngestionOptions,
  ) {}

  /** Registered with the link: runs on every (re)connect. */
  setup = async (ch: ConfirmChannel) => {
    await ch.prefetch(this.options.prefetch);
    const { consumerTag } = await ch.consume(QUEUES.ingestion.name, (msg) => msg && this.onMessage(ch, msg), { noAck: false });
    this.consumers.set(ch, consumerTag);
    ch.once("close", () => this.consumers.delete(ch));
  };

  private onMessage(ch: ConfirmChannel, msg: ConsumeMessage) {
    let parsed;
    try {
      parsed = telemetryMessageSchema.safeParse(JSON.parse(msg.content.toString("utf8")));
    } catch {
      return void this.deadLetter(ch, msg, "body is not JSON");
    }
    if (!parsed.success) {
      const reason = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
      return void this.deadLetter(ch, msg, reason);
    }
    const docs = toReadingDocs(parsed.data);
    this.pending.push({ ch, msg, docs });
    this.pendingReadings += docs.length;
    if (this.pendingReadings >= this.options.batchSize) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs);
  }

  /** Poison goes to the dead-letter exchange with its reason; the queue moves on. */
  private async deadLetter(ch: ConfirmChannel, msg: ConsumeMessage, reason: string) {
    this.options.log(`dead-lettering message ${msg.properties.messageId ?? "(no id)"}: ${reason}`);
    try {
      await publishConfirmed(ch, DEAD_LETTER_EXCHANGE, msg.fields.routingKey, msg.content, {
        headers: { ...msg.properties.headers, "x-death-reason": reason, "x-original-routing-key": msg.fields.routingKey },
        messageId: msg.properties.messageId,
        contentType: msg.properties.contentType,
      });
      ch.ack(msg);
      this.deadLettered++;
    } catch (error) {
      // Broker trouble: the message stays unacked and comes back after the reconnect.
      this.options.log(`dead-letter publish failed: ${(error as Error).message}`);
    }
  }

  /** Writes everything pending; one flush at a time, the next one picks up what arrived meanwhile. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushing) return this.flushing.then(() => (this.pending.length ? this.flush() : undefined));
    this.flushing = this.flushOnce().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async flushOnce() {
    const batch = this.pending;
    this.pending = [];
    this.pendingReadings = 0;
    if (batch.length === 0) return;
    const docs = batch.flatMap((p) => p.docs);
    const inserted = await this.writeWithRetry(docs);
    this.rollups.add(inserted);
    this.stored += inserted.length;
    const published = await this.publishStatus(docs);
    for (const p of batch) {
      // An ack on a channel that died meanwhile is impossible; the broker redelivers instead.
      if (!this.link.isCurrent(p.ch)) continue;
      if (published) p.ch.ack(p.msg);
      else p.ch.nack(p.msg, false, true);
    }
    if (this.pending.length >= 1 && !this.timer) this.timer = setTimeout(() => void this.flush(), this.options.flushMs);
  }

  private async writeWithRetry(docs: ReadingDoc[]): Promise<ReadingDoc[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await storeReadings(this.db, docs);
      } catch (error) {
        const delay = Math.min(10_000, 200 * 2 ** attempt);
        this.options.log(`write of ${docs.length} readings failed (${(error as Error).message}); retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  /**
   * Status events, confirmed before the acks. A device this process has not reported yet gets
   * its event at once (first data ⇒ deployed must not wait); after that at most one per device
   * every STATUS_EVERY_MS, the latest sighting held back until due (see sendDueStatus).
   */
  private async publishStatus(docs: ReadingDoc[]): Promise<boolean> {
    for (const d of docs) {
      const s = this.statusHeld.get(d.device_id);
      if (!s) this.statusHeld.set(d.device_id, { first: d.timestamp, last: d.timestamp });
      else {
        if (d.timestamp < s.first) s.first = d.timestamp;
        if (d.timestamp > s.last) s.last = d.timestamp;
      }
    }
    return this.sendDueStatus();
  }

  /** Sends the held sightings that are due; also called by a timer so the last one is never stuck. */
  async sendDueStatus(): Promise<boolean> {
    const now = Date.now();
    const due = [...this.statusHeld].filter(([id]) => now - (this.statusSentAt.get(id) ?? 0) >= STATUS_EVERY_MS);
    if (due.length === 0) return true;
    for (const [id] of due) this.statusHeld.delete(id);
    try {
      const ch = await this.link.channel();
      await Promise.all(
        due.map(([deviceId, s]) => {
          const event: StatusEvent = { v: 1, type: "seen", deviceId, firstAt: s.first.toISOString(), lastAt: s.last.toISOString() };
          return publishConfirmed(ch, EXCHANGE, statusKey(deviceId), Buffer.from(JSON.stringify(event)));
        }),
      );
      for (const [id] of due) this.statusSentAt.set(id, now);
      return true;
    } catch (error) {
      this.options.log(`status publish failed (${(error as Error).message}); the batch will be redelivered`);
      return false;
    }
  }

  /** Stops taking messages and writes what is in hand (SIGTERM). */
  async drain(): Promise<void> {
    await Promise.all([...this.consumers].map(([ch, tag]) => ch.cancel(tag).catch(() => undefined)));
    await this.flush();
    this.statusSentAt.clear();
    await this.sendDueStatus();
  }
}
