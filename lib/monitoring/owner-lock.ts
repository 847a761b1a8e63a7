import pg from "pg";
import { logger } from "@/lib/logger";

/**
 * "Exactly one of the running workers does this": a PostgreSQL session-level advisory lock held on
 * a connection of its own. The server releases it when the holder's connection ends — a crash,
 * a kill -9 or a network cut — so another worker takes over at its next try.
 */
export class OwnerLock {
  private client?: pg.Client;
  private owner = false;

  constructor(
    private readonly url: string,
    private readonly key: [number, number],
  ) {}

  get isOwner(): boolean {
    return this.owner;
  }

  /** Tries to become the owner (no wait); true while this process owns it. */
  async tryAcquire(): Promise<boolean> {
    if (this.owner) return true;
    try {
      if (!this.client) {
        const client = new pg.Client({ connectionString: this.url, application_name: `owner-lock-${process.pid}` });
        client.on("error", (error) => this.lost(client, error));
        client.on("end", () => this.lost(client));
        await client.connect();
        this.client = client;
      }
      const { rows } = await this.client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::int, $2::int) AS ok", this.key);
      this.owner = rows[0]?.ok === true;
    } catch (error) {
      logger().warn({ err: (error as Error).message }, "owner lock attempt failed");
      await this.release();
    }
    return this.owner;
  }

  private lost(client: pg.Client, error?: Error) {
    if (this.client !== client) return;
    if (this.owner) logger().warn({ err: error?.message }, "owner lock connection lost; no longer the owner");
    this.client = undefined;
    this.owner = false;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.owner = false;
    await client?.end().catch(() => undefined);
  }
}
