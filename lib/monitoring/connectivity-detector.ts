import type { Db } from "mongodb";
import { db as prisma } from "@/lib/db";
import { logger } from "@/lib/logger";
import type { Connectivity, ConnectivityEvent } from "./alert-model";
import { withAlertLock } from "./alert-lock";
import { clearAlertBySystem, raiseAlert, type AlertChange } from "./alert-raise";
import { connectivityTimeoutMs, nextConnectivity, type ConnectivityPolicy } from "./connectivity";
import type { OwnerLock } from "./owner-lock";

export const OFFLINE_ALERT = "device_offline";
/** Transitions, one document each: the insights compute uptime from them. */
export const CONNECTIVITY_HISTORY = "device_connectivity";

export interface ConnectivityTransition {
  device_id: number;
  from: Connectivity;
  to: Connectivity;
  at: Date;
  last_seen_at: Date | null;
  timeout_ms: number;
}

interface DeviceRow {
  id: number;
  connectivity: Connectivity;
  last_seen_at: Date | null;
  interval_sec: number | null;
}

export interface DetectorDeps {
  mongo: Db;
  lock: OwnerLock;
  policy: ConnectivityPolicy;
  publishStatus: (event: ConnectivityEvent) => Promise<void>;
  publishAlert: (change: AlertChange) => Promise<void>;
  now?: () => Date;
}

export async function ensureConnectivityIndexes(mongo: Db): Promise<void> {
  await mongo.collection(CONNECTIVITY_HISTORY).createIndex({ device_id: 1, at: -1 }, { name: "device_at" });
}

/**
 * The offline detector. Every worker runs one; only the holder of the owner lock acts, so with
 * several workers each transition is made once. A transition is a conditional UPDATE of
 * t_devices (from the state it read), so even two owners for a moment (a lock connection that
 * died unnoticed) cannot both act on the same change.
 */
export class ConnectivityDetector {
  private timer?: NodeJS.Timeout;
  private running?: Promise<ConnectivityTransition[]>;
  transitions = 0;

  constructor(private readonly deps: DetectorDeps) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  start(everyMs: number): void {
    this.timer ??= setInterval(() => void this.tick(), everyMs);
  }

  /** One pass; returns the transitions this process made (none unless it owns the lock). */
  tick(): Promise<ConnectivityTransition[]> {
    this.running ??= this.tickOnce()
      .catch((error: Error) => {
        logger().error({ err: error.message }, "connectivity check failed");
        return [];
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async tickOnce(): Promise<ConnectivityTransition[]> {
    if (!(await this.deps.lock.tryAcquire())) return [];
    const rows = await prisma().$queryRaw<DeviceRow[]>`
      SELECT d.id, d.connectivity, d.last_seen_at,
        (SELECT CASE WHEN jsonb_typeof(c.config->'reportingIntervalSec') = 'number'
                     THEN (c.config->>'reportingIntervalSec')::float8 END
           FROM t_device_configs c WHERE c.device_id = d.id ORDER BY c.version DESC LIMIT 1) AS interval_sec
      FROM t_devices d
      WHERE d.last_seen_at IS NOT NULL OR d.connectivity <> 'never_connected'`;
    const now = this.now();
    const made: ConnectivityTransition[] = [];
    for (const row of rows) {
      const timeoutMs = connectivityTimeoutMs(row.interval_sec, this.deps.policy);
      const next = nextConnectivity(row.connectivity, row.last_seen_at, now, timeoutMs);
      if (next === row.connectivity) continue;
      const t = await this.transition(row, next, now, timeoutMs).catch((error: Error) => {
        logger().error({ deviceId: row.id, err: error.message }, "connectivity transition failed");
        return null;
      });
      if (t) made.push(t);
    }
    this.transitions += made.length;
    return made;
  }

  private async transition(row: DeviceRow, to: Connectivity, now: Date, timeoutMs: number): Promise<ConnectivityTransition | null> {
    const changed = await prisma().$executeRaw`
      UPDATE t_devices SET connectivity = ${to}, connectivity_changed_at = ${now}
      WHERE id = ${row.id} AND connectivity = ${row.connectivity}`;
    if (changed !== 1) return null;
    const t: ConnectivityTransition = { device_id: row.id, from: row.connectivity, to, at: now, last_seen_at: row.last_seen_at, timeout_ms: timeoutMs };
    await this.deps.mongo.collection<ConnectivityTransition>(CONNECTIVITY_HISTORY).insertOne({ ...t });
    logger().info({ deviceId: row.id, from: row.connectivity, to }, "connectivity changed");

    let alert: AlertChange | null = null;
    if (to === "offline") {
      const silentSec = row.last_seen_at ? Math.round((now.getTime() - row.last_seen_at.getTime()) / 1000) : null;
      alert = await withAlertLock(row.id, OFFLINE_ALERT, () =>
        raiseAlert(this.deps.mongo, {
          deviceId: row.id,
          alertType: OFFLINE_ALERT,
          severity: "warning",
          message: `No data for ${silentSec ?? "?"} s (offline after ${Math.round(timeoutMs / 1000)} s of silence)`,
          count: 1,
          at: now,
          details: { timeoutSec: Math.round(timeoutMs / 1000), lastSeenAt: row.last_seen_at?.toISOString() ?? null },
        }),
      );
    } else if (row.connectivity === "offline") {
      alert = await withAlertLock(row.id, OFFLINE_ALERT, () => clearAlertBySystem(this.deps.mongo, row.id, OFFLINE_ALERT, now));
    }

    const event: ConnectivityEvent = {
      v: 1,
      type: "connectivity",
      deviceId: row.id,
      state: to,
      since: now.toISOString(),
      lastSeenAt: row.last_seen_at?.toISOString() ?? null,
    };
    await this.deps.publishStatus(event).catch((error: Error) => logger().warn({ deviceId: row.id, err: error.message }, "connectivity event publish failed"));
    if (alert) await this.deps.publishAlert(alert).catch((error: Error) => logger().warn({ deviceId: row.id, err: error.message }, "alert event publish failed"));
    return t;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.deps.lock.release();
  }
}
