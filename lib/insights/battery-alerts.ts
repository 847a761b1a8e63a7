import type { Db } from "mongodb";
import { logger } from "@/lib/logger";
import type { AlertPublisher } from "@/lib/monitoring/alert-engine";
import { withAlertLock } from "@/lib/monitoring/alert-lock";
import { clearAlertBySystem, raiseAlert, type AlertChange } from "@/lib/monitoring/alert-raise";
import { readBuckets } from "@/lib/monitoring/stats";
import type { ReadingDoc } from "@/lib/telemetry/mongo";
import { forecastBattery, type BatteryForecast, type BatteryPoint } from "./battery-forecast";
import { batteryAlert } from "./insight-alerts";

const HOUR = 3_600_000;
/** The history a forecast looks at: a week of hourly rollups (168 buckets at most). */
export const BATTERY_HISTORY_MS = 7 * 24 * HOUR;
export const BATTERY_ALERT = "battery_low_soon";

/**
 * A device's battery history as forecast points: the hourly rollups' averages (at each bucket's
 * middle) of the last week. Shared by the device page and the worker so both say the same date.
 */
export async function readBatteryHistory(deviceId: number, now: Date, db?: Db): Promise<BatteryPoint[]> {
  const stats = await readBuckets(deviceId, "battery_level", "1h", new Date(now.getTime() - BATTERY_HISTORY_MS), now, db);
  return stats.buckets.filter((b) => b.count > 0 && b.avg !== null).map((b) => ({ at: Date.parse(b.start) + HOUR / 2, level: b.avg! }));
}

/**
 * `battery_low_soon` alerts in the worker. A device that sent a battery level is evaluated at
 * most once per `everyMs` (the forecast reads a week of rollups — not something to do per
 * reading): the rollup history plus the newest level just stored (the rollups lag by a flush, and
 * a replaced battery must show at once). A forecast of 10 % within 7 days raises the alert
 * (or refreshes its message and dates); any other forecast clears an open one — a charged or
 * replaced battery, or too little data since the charge. Like the anomaly alerts: one open alert
 * per device and type, written under the alert lock, published like every alert change.
 */
export class BatteryAlerts {
  private lastRun = new Map<number, number>();
  private chain: Promise<void> = Promise.resolve();
  raised = 0;
  cleared = 0;

  constructor(
    private readonly db: Db,
    private readonly publish: AlertPublisher,
    private readonly options: { everyMs: number; now?: () => Date },
  ) {}

  observe(docs: ReadingDoc[]): void {
    const now = (this.options.now?.() ?? new Date()).getTime();
    const latest = new Map<number, BatteryPoint>();
    for (const doc of docs) {
      const level = doc.metrics.battery_level;
      if (typeof level !== "number" || !Number.isFinite(level)) continue;
      const prev = latest.get(doc.device_id);
      if (!prev || prev.at <= doc.timestamp.getTime()) latest.set(doc.device_id, { at: doc.timestamp.getTime(), level });
    }
    const due = [...latest].filter(([deviceId]) => now - (this.lastRun.get(deviceId) ?? -Infinity) >= this.options.everyMs);
    if (!due.length) return;
    for (const [deviceId] of due) this.lastRun.set(deviceId, now);
    // Bounded memory: a device silent for a whole period needs no entry to be due again.
    if (this.lastRun.size > 100_000) for (const [id, at] of this.lastRun) if (now - at >= this.options.everyMs) this.lastRun.delete(id);
    this.chain = this.chain
      .then(async () => {
        for (const [deviceId, point] of due) await this.evaluate(deviceId, point, new Date(now));
      })
      .catch((error: Error) => logger().error({ err: error.message }, "battery forecast evaluation failed"));
  }

  /** Forecasts one device and raises, refreshes or clears its alert. */
  async evaluate(deviceId: number, newest: BatteryPoint | null, now: Date): Promise<BatteryForecast> {
    const history = await readBatteryHistory(deviceId, now, this.db);
    const points = newest && !history.some((p) => p.at >= newest.at) ? [...history, newest] : history;
    const forecast = forecastBattery(points);
    const alert = batteryAlert(deviceId, forecast, now);
    const change = await withAlertLock(deviceId, BATTERY_ALERT, () =>
      alert ? raiseAlert(this.db, { ...alert, count: 1, at: now, refresh: true }) : clearAlertBySystem(this.db, deviceId, BATTERY_ALERT, now),
    );
    if (change) {
      if (change.action === "raised") this.raised++;
      if (change.action === "cleared") this.cleared++;
      await this.announce(change);
    }
    return forecast;
  }

  private async announce(change: AlertChange) {
    await this.publish(change).catch((error: Error) => logger().warn({ err: error.message }, "battery alert publish failed"));
  }

  /** Evaluates everything observed so far (SIGTERM, tests). */
  async drain(): Promise<void> {
    await this.chain;
  }
}
