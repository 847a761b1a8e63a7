import type { SessionUser } from "@/lib/auth/permissions";
import { visibleDeviceIds } from "@/lib/monitoring/ownership";

interface Entry {
  visible: "all" | Set<number>;
  at: number;
  loading?: Promise<Entry>;
}

/**
 * Which devices each connected user may watch, cached briefly per user. Ownership changes while
 * dashboards stay connected (a unit is delivered, another returned), so:
 *   - a "yes" is served from the cache while it is younger than `maxAgeMs`;
 *   - a "no" re-reads ownership unless the cache is younger than `minRefreshMs`, so a unit
 *     delivered a moment ago becomes subscribable without reconnecting, while a client spamming
 *     subscribe for foreign ids costs at most one query per user per `minRefreshMs`;
 *   - `refresh` (the periodic re-validation) re-reads it for rooms already joined.
 * The answer itself comes from lib/monitoring/ownership.ts, the same rule the API uses.
 */
export class DeviceAccess {
  private readonly cache = new Map<number, Entry>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly minRefreshMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  async canWatch(user: SessionUser, deviceId: number): Promise<boolean> {
    let entry = this.cache.get(user.id);
    const age = entry ? this.now() - entry.at : Infinity;
    if (!entry || age >= this.maxAgeMs || (!allows(entry, deviceId) && age >= this.minRefreshMs)) entry = await this.load(user);
    return allows(entry, deviceId);
  }

  /** Fresh from the database (one query per user even when called for many sockets at once). */
  async refresh(user: SessionUser): Promise<"all" | Set<number>> {
    return (await this.load(user)).visible;
  }

  /** Drops users who are no longer connected. */
  retainOnly(userIds: Set<number>): void {
    for (const id of this.cache.keys()) if (!userIds.has(id)) this.cache.delete(id);
  }

  private load(user: SessionUser): Promise<Entry> {
    const current = this.cache.get(user.id);
    if (current?.loading) return current.loading;
    const loading = visibleDeviceIds(user).then(
      (ids) => {
        const entry: Entry = { visible: ids === "all" ? "all" : new Set(ids), at: this.now() };
        this.cache.set(user.id, entry);
        return entry;
      },
      (error: unknown) => {
        if (this.cache.get(user.id)?.loading === loading) this.cache.delete(user.id);
        throw error;
      },
    );
    this.cache.set(user.id, { visible: current?.visible ?? new Set(), at: current?.at ?? -Infinity, loading });
    return loading;
  }
}

const allows = (entry: Entry, deviceId: number) => entry.visible === "all" || entry.visible.has(deviceId);
