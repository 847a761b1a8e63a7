import type { ConfirmChannel, ConsumeMessage } from "amqplib";
import type { Db } from "mongodb";
import { metrics } from "@/lib/metrics";
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
  concurrency: number;
  verbose?: boolean;
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
  private inflight = new Set<Promise<void>>();
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
      metrics().readingsDeadLettered.inc();
    } catch (error) {
      // Broker trouble: the message stays unacked and comes back after the reconnect.
      this.options.log(`dead-letter publish failed: ${(error as Error).message}`);
    }
  }

  /**
   * Starts writes for what is pending, in chunks of at most `batchSize` readings, with up to
   * `concurrency` chunks in flight (FerretDB takes two inserts at once better than one big one).
   * Resolves when everything pending at the call, and what arrived meanwhile, is written.
   */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0 && this.inflight.size < this.options.concurrency) {
      const chunk = this.takeChunk();
      const write = this.writeChunk(chunk).finally(() => {
        this.inflight.delete(write);
        // Keep the pipe full: a full chunk goes at once, a partial one after flushMs.
        if (this.pendingReadings >= this.options.batchSize) void this.flush();
        else if (this.pending.length > 0) this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs);
      });
      this.inflight.add(write);
    }
    await Promise.all(this.inflight);
  }

  private takeChunk(): Pending[] {
    const chunk: Pending[] = [];
    let readings = 0;
    while (this.pending.length > 0 && (chunk.length === 0 || readings + this.pending[0].docs.length <= this.options.batchSize)) {
      const p = this.pending.shift()!;
      readings += p.docs.length;
      chunk.push(p);
    }
    this.pendingReadings -= readings;
    return chunk;
  }

  private async writeChunk(batch: Pending[]) {
    const docs = batch.flatMap((p) => p.docs);
    const t0 = Date.now();
    const inserted = await this.writeWithRetry(docs);
    const t1 = Date.now();
    metrics().workerBatchSize.observe(docs.length);
    metrics().workerWriteSeconds.observe((t1 - t0) / 1000);
    metrics().readingsStored.inc(inserted.length);
    this.rollups.add(inserted);
    this.stored += inserted.length;
    const published = await this.publishStatus(docs);
    if (this.options.verbose) this.options.log(`flush: ${docs.length} readings, insert ${t1 - t0} ms, status ${Date.now() - t1} ms`);
    for (const p of batch) {
      // An ack on a channel that died meanwhile is impossible; the broker redelivers instead.
      if (!this.link.isCurrent(p.ch)) continue;
      if (published) p.ch.ack(p.msg);
      else p.ch.nack(p.msg, false, true);
    }
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
    while (this.pending.length > 0 || this.inflight.size > 0) await this.flush();
    this.statusSentAt.clear();
    await this.sendDueStatus();
  }
}
