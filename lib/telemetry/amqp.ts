import amqp, { type ChannelModel, type ConfirmChannel, type Options } from "amqplib";
import { backoffDelay } from "./backoff";
import { assertTopology } from "./topology";

type Setup = (ch: ConfirmChannel) => Promise<void>;

export interface AmqpLinkOptions {
  name: string;
  /** Long-running consumers reconnect in the background; the web reconnects on the next request. */
  reconnect: boolean;
  log?: (message: string) => void;
}

/**
 * One connection and one confirm channel, re-opened after the broker goes away. Consumers
 * register a setup that runs on every (re)connect; the topology is declared first each time.
 */
export class AmqpLink {
  private ch?: ConfirmChannel;
  private conn?: ChannelModel;
  private opening?: Promise<ConfirmChannel>;
  private setups: Setup[] = [];
  private closed = false;
  private attempt = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly options: AmqpLinkOptions,
  ) {}

  get connected(): boolean {
    return this.ch !== undefined;
  }

  onChannel(setup: Setup): void {
    this.setups.push(setup);
  }

  /** The current channel, opening it if needed; rejects if the broker cannot be reached. */
  channel(): Promise<ConfirmChannel> {
    if (this.closed) return Promise.reject(new Error("AMQP link closed"));
    if (this.ch) return Promise.resolve(this.ch);
    this.opening ??= this.open().finally(() => (this.opening = undefined));
    return this.opening;
  }

  /** Whether `ch` is still the live channel (acks on a dead one are meaningless). */
  isCurrent(ch: ConfirmChannel): boolean {
    return this.ch === ch;
  }

  private async open(): Promise<ConfirmChannel> {
    const conn = await amqp.connect(this.url, {
      clientProperties: { connection_name: this.options.name },
      heartbeat: 10,
      timeout: 5000,
    } as Options.Connect);
    try {
      conn.on("error", (error: Error) => this.options.log?.(`amqp connection error: ${error.message}`));
      const ch = await conn.createConfirmChannel();
      ch.setMaxListeners(0);
      ch.on("error", (error: Error) => this.options.log?.(`amqp channel error: ${error.message}`));
      await assertTopology(ch);
      for (const setup of this.setups) await setup(ch);
      conn.on("close", () => this.lost(conn, ch));
      // A channel closed by the broker (e.g. a precondition) takes the connection down with it.
      ch.on("close", () => conn.close().catch(() => undefined));
      this.conn = conn;
      this.ch = ch;
      this.attempt = 0;
      return ch;
    } catch (error) {
      await conn.close().catch(() => undefined);
      throw error;
    }
  }

  private lost(conn: ChannelModel, ch: ConfirmChannel) {
    if (this.conn === conn) this.conn = undefined;
    if (this.ch === ch) this.ch = undefined;
    if (this.closed || !this.options.reconnect) return;
    this.options.log?.("amqp connection lost; reconnecting");
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.timer || this.closed) return;
    const delay = backoffDelay(this.attempt, { baseMs: 200, maxMs: 15_000 });
    this.attempt++;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.channel().then(
        () => this.options.log?.("amqp reconnected"),
        (error: Error) => {
          this.options.log?.(`amqp reconnect failed: ${error.message}`);
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  /** Starts connecting in the background until it succeeds (for workers). */
  start(): void {
    this.channel().catch((error: Error) => {
      this.options.log?.(`amqp connect failed: ${error.message}`);
      this.scheduleReconnect();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.conn?.close().catch(() => undefined);
    this.conn = this.ch = undefined;
  }
}

/** Publishes and resolves only once the broker confirmed (or rejects: nack, closed channel, timeout). */
export function publishConfirmed(
  ch: ConfirmChannel,
  exchange: string,
  routingKey: string,
  body: Buffer,
  options: Options.Publish = {},
  timeoutMs = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("publish confirm timed out")), timeoutMs);
    const onClose = () => {
      clearTimeout(timer);
      reject(new Error("channel closed before confirm"));
    };
    ch.once("close", onClose);
    try {
      ch.publish(exchange, routingKey, body, { persistent: true, contentType: "application/json", ...options }, (error) => {
        clearTimeout(timer);
        ch.off("close", onClose);
        if (error) reject(error instanceof Error ? error : new Error("publish nacked"));
        else resolve();
      });
    } catch (error) {
      clearTimeout(timer);
      ch.off("close", onClose);
      reject(error);
    }
  });
}
