import type { Db } from "mongodb";
import { logger } from "@/lib/logger";
import { COLLECTIONS, type ReadingDoc } from "@/lib/telemetry/mongo";
import { OPEN_SLOT, type AlertDoc } from "./alert-model";
import { withAlertLock } from "./alert-lock";
import { bumpAlert, clearAlertBySystem, raiseAlert, type AlertChange } from "./alert-raise";
import { alertMessage, evaluateReading, initialRuleState, type Rule, type RuleState } from "./alert-rules";
import type { DeviceProfiles } from "./device-profiles";

export type AlertPublisher = (change: AlertChange) => Promise<void>;

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
    private readonly db: Db,
    private readonly profiles: DeviceProfiles,
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
        const open = await this.db
          .collection<AlertDoc>(COLLECTIONS.alerts)
          .find({ device_id: deviceId, slot: OPEN_SLOT }, { projection: { alert_type: 1 } })
          .toArray();
        for (const a of open) {
          const key = `${deviceId}:${a.alert_type}`;
          if (!this.states.has(key)) this.states.set(key, { ...initialRuleState(), active: true });
        }
        this.knownDevices.add(deviceId);
      }),
    );
  }

  private apply(deviceId: number, rule: Rule, value: number, at: Date) {
    const key = `${deviceId}:${rule.alertType}`;
    let state = this.states.get(key);
    if (!state) this.states.set(key, (state = initialRuleState()));
    const action = evaluateReading(rule, state, value, at.getTime());
    const message = alertMessage(rule, value);
    if (action.kind === "raise") {
      this.enqueue(key, async () => {
        const change = await withAlertLock(deviceId, rule.alertType, () =>
          raiseAlert(this.db, {
            deviceId,
            alertType: rule.alertType,
            severity: rule.severity,
            message,
            count: action.count,
            at,
            metric: rule.metric,
            value,
            threshold: rule.limit,
          }),
        );
        if (change.action === "raised") this.raised++;
        await this.announce(change);
      });
    } else if (action.kind === "repeat") {
      const bump = this.bumps.get(key);
      if (bump) Object.assign(bump, { count: bump.count + 1, at, value, message });
      else this.bumps.set(key, { deviceId, alertType: rule.alertType, count: 1, at, value, message });
    } else if (action.kind === "clear") {
      this.writeBump(key);
      this.enqueue(key, async () => {
        const change = await withAlertLock(deviceId, rule.alertType, () => clearAlertBySystem(this.db, deviceId, rule.alertType, at));
        if (change) {
          this.cleared++;
          await this.announce(change);
        }
      });
    }
  }

  private writeBump(key: string) {
    const bump = this.bumps.get(key);
    if (!bump) return;
    this.bumps.delete(key);
    this.enqueue(key, async () => {
      const change = await withAlertLock(bump.deviceId, bump.alertType, () => bumpAlert(this.db, bump.deviceId, bump.alertType, bump));
      if (change) return this.announce(change);
      // Nobody's alert is open: a person cleared it. Wait for recovery before raising anew.
      const state = this.states.get(key);
      if (state?.active) state.suppressed = true;
    });
  }

  flushBumps(): void {
    for (const key of [...this.bumps.keys()]) this.writeBump(key);
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
    this.flushBumps();
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }
}
