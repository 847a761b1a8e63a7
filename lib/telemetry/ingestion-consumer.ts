import type { ConfirmChannel, ConsumeMessage } from "amqplib";
import type { Db } from "mongodb";
import { z } from "zod";
import { metrics } from "@/lib/metrics";
import { publishConfirmed, type AmqpLink } from "./amqp";
import { backoffDelay, sleep, withRetry } from "./backoff";
import type { ReadingDoc } from "./mongo";
import type { RollupAccumulator } from "./rollups";
import { MAX_BATCH, queuedReadingSchema, type StatusEvent } from "./schema";
import { storeReadingsIsolating, toReadingDocs, type StoreOutcome } from "./store";
import { isTransientStoreError } from "./store-errors";
import { DEAD_LETTER_EXCHANGE, EXCHANGE, QUEUES, statusKey } from "./topology";

/** A reading that can never be stored: dead-lettered on its own, with its reason. */
interface DeadReading {
  messageId: string;
  reading: unknown;
  reason: string;
}

interface Pending {
  ch: ConfirmChannel;
  msg: ConsumeMessage;
  deviceId: number;
  docs: ReadingDoc[];
  poison: DeadReading[];
}

// The envelope first, then each reading on its own, so one bad reading does not sink its batch.
const envelopeSchema = z.strictObject({
  v: z.literal(1),
  deviceId: z.number().int().positive(),
  readings: z.array(z.unknown()).min(1).max(MAX_BATCH),
});

const describeIssues = (issues: z.core.$ZodIssue[], prefix: Array<string | number> = []) =>
  issues
    .slice(0, 3)
    .map((i) => `${[...prefix, ...i.path].join(".") || "(body)"}: ${i.message}`)
    .join("; ");

export interface IngestionOptions {
  prefetch: number;
  batchSize: number;
  flushMs: number;
  concurrency: number;
  verbose?: boolean;
  /** Transient store errors are retried this many times, then the batch goes back to the queue. */
  writeRetries?: number;
  log: (message: string) => void;
  /** Called with the readings each write newly stored (never redeliveries): alert rules. */
  onStored?: (docs: ReadingDoc[]) => void;
}

const STATUS_EVERY_MS = 5000;

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
    let envelope;
    try {
      envelope = envelopeSchema.safeParse(JSON.parse(msg.content.toString("utf8")));
    } catch {
      return void this.deadLetter(ch, msg, "body is not JSON");
    }
    if (!envelope.success) return void this.deadLetter(ch, msg, describeIssues(envelope.error.issues));
    const { deviceId, readings } = envelope.data;
    const good = [];
    const poison: DeadReading[] = [];
    for (const [i, raw] of readings.entries()) {
      const parsed = queuedReadingSchema.safeParse(raw);
      if (parsed.success) good.push(parsed.data);
      else {
        const id = (raw as { messageId?: unknown } | null)?.messageId;
        poison.push({
          messageId: typeof id === "string" && id.length <= 100 ? id : `${msg.properties.messageId ?? "unknown"}#${i}`,
          reading: raw,
          reason: describeIssues(parsed.error.issues, ["readings", i]),
        });
      }
    }
    // Nothing worth storing: the message goes to the dead letters as it came.
    if (good.length === 0) return void this.deadLetter(ch, msg, poison.map((p) => p.reason).join("; "));
    const docs = toReadingDocs({ v: 1, deviceId, readings: good });
    this.pending.push({ ch, msg, deviceId, docs, poison });
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

  /** Single readings of a message whose others were stored; each as its own replayable message. */
  private async deadLetterReadings(p: Pending) {
    for (const dead of p.poison) {
      this.options.log(`dead-lettering reading ${dead.messageId} of device ${p.deviceId}: ${dead.reason}`);
      await publishConfirmed(p.ch, DEAD_LETTER_EXCHANGE, p.msg.fields.routingKey, Buffer.from(JSON.stringify({ v: 1, deviceId: p.deviceId, readings: [dead.reading] })), {
        headers: {
          ...p.msg.properties.headers,
          "x-death-reason": dead.reason,
          "x-original-routing-key": p.msg.fields.routingKey,
          ...(p.msg.properties.messageId ? { "x-original-message-id": p.msg.properties.messageId } : {}),
        },
        messageId: dead.messageId,
      });
      this.deadLettered++;
      metrics().readingsDeadLettered.inc();
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
    let outcome: StoreOutcome;
    try {
      outcome = await this.writeWithRetry(docs);
    } catch (error) {
      // The store stayed unreachable through every retry: hand the batch back and pause a little,
      // rather than hold it (and a write slot) forever.
      this.options.log(`write of ${docs.length} readings failed after retries (${(error as Error).message}); returning them to the queue`);
      await sleep(backoffDelay(this.options.writeRetries ?? 5));
      for (const p of batch) if (this.link.isCurrent(p.ch)) p.ch.nack(p.msg, false, true);
      return;
    }
    const t1 = Date.now();
    const refused = new Map(outcome.rejected.map((r) => [r.doc.messageId, r.reason]));
    for (const p of batch) {
      for (const d of p.docs) {
        const reason = refused.get(d.messageId);
        if (reason) p.poison.push({ messageId: d.messageId, reading: d, reason });
      }
    }
    metrics().workerBatchSize.observe(docs.length);
    metrics().workerWriteSeconds.observe((t1 - t0) / 1000);
    metrics().readingsStored.inc(outcome.inserted.length);
    this.rollups.add(outcome.inserted);
    this.options.onStored?.(outcome.inserted);
    this.stored += outcome.inserted.length;
    const published = await this.publishStatus(refused.size ? docs.filter((d) => !refused.has(d.messageId)) : docs);
    if (this.options.verbose) this.options.log(`flush: ${docs.length} readings, insert ${t1 - t0} ms, status ${Date.now() - t1} ms`);
    for (const p of batch) {
      // An ack on a channel that died meanwhile is impossible; the broker redelivers instead.
      if (!this.link.isCurrent(p.ch)) continue;
      if (!published) {
        p.ch.nack(p.msg, false, true);
        continue;
      }
      try {
        await this.deadLetterReadings(p);
        p.ch.ack(p.msg);
      } catch (error) {
        this.options.log(`dead-letter publish failed (${(error as Error).message}); the message will be redelivered`);
        if (this.link.isCurrent(p.ch)) p.ch.nack(p.msg, false, true);
      }
    }
  }

  private writeWithRetry(docs: ReadingDoc[]): Promise<StoreOutcome> {
    return withRetry(() => storeReadingsIsolating(this.db, docs), {
      retries: this.options.writeRetries ?? 5,
      isRetryable: isTransientStoreError,
      onRetry: (error, delay) => this.options.log(`write of ${docs.length} readings failed (${(error as Error).message}); retrying in ${delay} ms`),
    });
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
