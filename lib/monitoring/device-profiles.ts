import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { deviceConfigSchema, type DeviceConfig } from "@/lib/provisioning/schemas";
import { resolveRules, type Rule, type RuleDefaults } from "./alert-rules";

export interface DeviceProfile {
  deviceId: number;
  type: string;
  config?: DeviceConfig;
  rules: Rule[];
  fetchedAt: number;
}

/**
 * What the worker needs to know about a device to judge its readings: its type and its latest
 * configuration, cached per process. An entry older than `refreshMs` is served as is and
 * refreshed in the background, so a configuration an admin saves applies within a few seconds
 * and a burst of readings never waits on PostgreSQL more than once per device.
 */
export class DeviceProfiles {
  private cache = new Map<number, DeviceProfile>();
  private refreshing?: Promise<void>;

  constructor(
    private readonly defaults: RuleDefaults,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(ids: number[]): Promise<Map<number, DeviceProfile>> {
    const missing = ids.filter((id) => !this.cache.has(id));
    if (missing.length > 0) await this.load(missing);
    const stale = ids.filter((id) => this.now() - this.cache.get(id)!.fetchedAt > this.refreshMs);
    if (stale.length > 0 && !this.refreshing) {
      this.refreshing = this.load(stale)
        .catch((error: Error) => logger().warn({ err: error.message }, "device profile refresh failed"))
        .finally(() => (this.refreshing = undefined));
    }
    return new Map(ids.map((id) => [id, this.cache.get(id)!]));
  }

  private async load(ids: number[]): Promise<void> {
    const unique = [...new Set(ids)];
    const [devices, configs] = await Promise.all([
      db().device.findMany({ where: { id: { in: unique } }, select: { id: true, type: true } }),
      db().$queryRaw<Array<{ device_id: number; config: unknown }>>`
        SELECT DISTINCT ON (device_id) device_id, config FROM t_device_configs
        WHERE device_id = ANY(${unique}::int[]) ORDER BY device_id, version DESC`,
    ]);
    const typeOf = new Map(devices.map((d) => [d.id, d.type]));
    const configOf = new Map(configs.map((c) => [c.device_id, c.config]));
    const fetchedAt = this.now();
    for (const id of unique) {
      const type = typeOf.get(id) ?? "unknown";
      const raw = configOf.get(id);
      let config: DeviceConfig | undefined;
      if (raw !== undefined) {
        const parsed = deviceConfigSchema.safeParse(raw);
        if (parsed.success) config = parsed.data;
        else logger().warn({ deviceId: id }, "stored device configuration does not parse; using the type's defaults");
      }
      this.cache.set(id, { deviceId: id, type, config, rules: resolveRules(type, config, this.defaults), fetchedAt });
    }
  }
}
