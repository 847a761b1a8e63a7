import type { Db } from "mongodb";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { COLLECTIONS, type ReadingDoc } from "@/lib/telemetry/mongo";
import { OPEN_SLOT, type AlertDoc } from "./alert-model";
import { withAlertLock } from "./alert-lock";
import { bumpAlert, clearAlertBySystem, raiseAlert, type AlertChange, type RaiseInput } from "./alert-raise";
import { alertMessage, evaluateReading, initialRuleState, THRESHOLD_ALERT_TYPES, type Rule, type RuleState } from "./alert-rules";
import type { DeviceProfiles } from "./device-profiles";

export type AlertPublisher = (change: AlertChange) => Promise<void>;

/** Where alerts are written; the default is device_alerts under the cross-process lock. */
export interface AlertStore {
  openTypes(deviceId: number): Promise<string[]>;
  raise(input: RaiseInput): Promise<AlertChange>;
  bump(deviceId: number, alertType: string, bump: { count: number; at: Date; value?: number; message?: string }): Promise<AlertChange | null>;
  clear(deviceId: number, alertType: string, at: Date): Promise<AlertChange | null>;
}

export function mongoAlertStore(db: Db): AlertStore {
  return {
    openTypes: async (deviceId) =>
      (await db.collection<AlertDoc>(COLLECTIONS.alerts).find({ device_id: deviceId, slot: OPEN_SLOT }, { projection: { alert_type: 1 } }).toArray()).map((a) => a.alert_type),
    raise: (input) => withAlertLock(input.deviceId, input.alertType, () => raiseAlert(db, input)),
    bump: (deviceId, alertType, bump) => withAlertLock(deviceId, alertType, () => bumpAlert(db, deviceId, alertType, bump)),
    clear: (deviceId, alertType, at) => withAlertLock(deviceId, alertType, () => clearAlertBySystem(db, deviceId, alertType, at)),
  };
}

interface PendingBump {
  deviceId: number;
  alertType: string;
  count: number;
  at: Date;
  value: number;
  message: string;
}

/** Readings waiting for evaluation beyond this are dropped (with a warning) rather than hoarded. */
const MAX_QUEUED_READINGS = 50_000;

/**
 * Threshold alerts in the worker. `observe` takes readings just stored (never redeliveries) and
 * returns at once; evaluation runs behind, in arrival order, with the per-device rule state kept
 * in memory. Raises and clears are written at once; repeats of an open alert are merged and
 * written at most every `bumpMs` per alert, so a device breaching at 50 readings/s costs about
 * one write a second. Writes for one alert run one after another (and under `withAlertLock`
 * across processes); every change is published.
 */
export class AlertEngine {
  private states = new Map<string, RuleState>();
  private knownDevices = new Set<number>();
  private bumps = new Map<string, PendingBump>();
  private chains = new Map<string, Promise<void>>();
  private evaluation: Promise<void> = Promise.resolve();
  private queued = 0;
  private timer?: NodeJS.Timeout;
  raised = 0;
  cleared = 0;

  constructor(
    private readonly store: AlertStore,
    private readonly profiles: Pick<DeviceProfiles, "get">,
    private readonly publish: AlertPublisher,
    private readonly options: { bumpMs: number },
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.flushBumps(), this.options.bumpMs);
  }

  observe(docs: ReadingDoc[]): void {
    if (docs.length === 0) return;
    if (this.queued + docs.length > MAX_QUEUED_READINGS) {
      logger().warn({ dropped: docs.length }, "alert evaluation is behind; readings skipped for alert rules");
      return;
    }
    this.queued += docs.length;
    this.evaluation = this.evaluation
      .then(() => this.evaluate(docs))
      .catch((error: Error) => logger().error({ err: error.message }, "alert evaluation failed"))
      .finally(() => (this.queued -= docs.length));
  }

  private async evaluate(docs: ReadingDoc[]): Promise<void> {
    const byDevice = new Map<number, ReadingDoc[]>();
    for (const d of docs) {
      const list = byDevice.get(d.device_id);
      if (list) list.push(d);
      else byDevice.set(d.device_id, [d]);
    }
    const ids = [...byDevice.keys()];
    const profiles = await this.profiles.get(ids);
    await this.loadOpenAlerts(ids.filter((id) => !this.knownDevices.has(id)));
    for (const [deviceId, readings] of byDevice) {
      readings.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
      const rules = profiles.get(deviceId)?.rules ?? [];
      this.clearRemovedRules(deviceId, rules, readings[0].timestamp);
      for (const reading of readings) {
        for (const rule of rules) {
          const value = reading.metrics[rule.metric];
          if (typeof value === "number") this.apply(deviceId, rule, value, reading.timestamp);
        }
      }
    }
  }

  /** A process that starts (or first sees a device) adopts the alerts already open for it. */
  private async loadOpenAlerts(ids: number[]): Promise<void> {
    await Promise.all(
      ids.map(async (deviceId) => {
        for (const alertType of await this.store.openTypes(deviceId)) {
          const key = `${deviceId}:${alertType}`;
          if (!this.states.has(key)) this.states.set(key, { ...initialRuleState(), active: true });
        }
        this.knownDevices.add(deviceId);
      }),
    );
  }

  /**
   * An open threshold alert whose threshold an admin has since removed would never see its
   * recovery line again: it is cleared with the device's next reading.
   */
  private clearRemovedRules(deviceId: number, rules: Rule[], at: Date) {
    const current = new Set(rules.map((r) => r.alertType));
    for (const alertType of THRESHOLD_ALERT_TYPES) {
      const key = `${deviceId}:${alertType}`;
      const state = this.states.get(key);
      if (!state || current.has(alertType)) continue;
      this.states.delete(key);
      this.bumps.delete(key);
      if (state.active && !state.suppressed) this.clear(key, deviceId, alertType, at);
    }
  }

  private clear(key: string, deviceId: number, alertType: string, at: Date) {
    this.enqueue(key, async () => {
      const change = await this.store.clear(deviceId, alertType, at);
      if (change) {
        this.cleared++;
        await this.announce(change);
      }
    });
  }

  private apply(deviceId: number, rule: Rule, value: number, at: Date) {
    const key = `${deviceId}:${rule.alertType}`;
    let state = this.states.get(key);
    if (!state) this.states.set(key, (state = initialRuleState()));
    const action = evaluateReading(rule, state, value, at.getTime());
    const message = alertMessage(rule, value);
    if (action.kind === "raise") {
      this.enqueue(key, async () => {
        const change = await this.store.raise({
          deviceId,
          alertType: rule.alertType,
          severity: rule.severity,
          message,
          count: action.count,
          at,
          metric: rule.metric,
          value,
          threshold: rule.limit,
        });
        if (change.action === "raised") {
          this.raised++;
          metrics().alertsRaised.inc({ type: rule.alertType, severity: rule.severity });
        }
        await this.announce(change);
      });
    } else if (action.kind === "repeat") {
      const bump = this.bumps.get(key);
      if (bump) Object.assign(bump, { count: bump.count + 1, at, value, message });
      else this.bumps.set(key, { deviceId, alertType: rule.alertType, count: 1, at, value, message });
    } else if (action.kind === "clear") {
      this.writeBump(key);
      this.clear(key, deviceId, rule.alertType, at);
    }
  }

  private writeBump(key: string) {
    const bump = this.bumps.get(key);
    if (!bump) return;
    this.bumps.delete(key);
    this.enqueue(key, async () => {
      const change = await this.store.bump(bump.deviceId, bump.alertType, bump);
      if (change) return this.announce(change);
      // Nobody's alert is open: a person cleared it. Wait for recovery before raising anew.
      const state = this.states.get(key);
      if (state?.active) state.suppressed = true;
    });
  }

  /**
   * Writes merged repeats. An alert whose previous write is still running keeps accumulating
   * instead, so a slow store gets fewer, larger bumps rather than an ever-growing queue.
   */
  flushBumps(force = false): void {
    for (const key of [...this.bumps.keys()]) if (force || !this.chains.has(key)) this.writeBump(key);
  }

  /** One alert's writes in order; a failed write is logged and the next one still runs. */
  private enqueue(key: string, write: () => Promise<void>) {
    const next = (this.chains.get(key) ?? Promise.resolve())
      .then(write)
      .catch((error: Error) => logger().error({ key, err: error.message }, "alert write failed"));
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  private async announce(change: AlertChange) {
    if (change.action !== "updated") {
      logger().info({ deviceId: change.alert.device_id, alertType: change.alert.alert_type, action: change.action, count: change.alert.count }, "alert");
    }
    await this.publish(change).catch((error: Error) =>
      logger().warn({ alertId: change.alert._id.toHexString(), err: error.message }, "alert event publish failed"),
    );
  }

  /** Evaluates what was observed and writes everything pending (SIGTERM, tests). */
  async drain(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.evaluation;
    this.flushBumps(true);
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }
}
