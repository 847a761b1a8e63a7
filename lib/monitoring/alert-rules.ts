import type { DeviceConfig } from "@/lib/provisioning/schemas";
import { METRIC_RANGES, METRICS, type Metric } from "@/lib/telemetry/schema";
import type { AlertSeverity } from "./alert-model";

/**
 * Threshold alert rules, pure: no I/O, no clock. The worker feeds each stored reading through
 * `evaluateReading` with the rule state it keeps per device and alert type, and writes what
 * comes out (raise, repeat, clear) through alert-raise.ts.
 */

export interface ThresholdSpec {
  min?: number;
  max?: number;
  severity?: AlertSeverity;
  forReadings?: number;
  forSeconds?: number;
  clearMargin?: number;
}

export interface RuleDefaults {
  forReadings: number;
  forSeconds: number;
  /** Percent of the threshold's range (see `clearMarginFor`). */
  clearMarginPct: number;
}

/** One side of one threshold, fully resolved. */
export interface Rule {
  alertType: string;
  metric: Metric;
  side: "high" | "low";
  /** The line: above `limit` (high) or below it (low) is a breach. */
  limit: number;
  /** Back on the good side by at least this much clears (hysteresis). */
  clearMargin: number;
  severity: AlertSeverity;
  forReadings: number;
  forSeconds: number;
}

/**
 * Defaults per device type (the catalogue's types: sensor, gateway, tracker, controller).
 * Electronics share CPU, memory and battery lines; temperature depends on where the unit lives.
 * A device's own configuration replaces a metric's threshold as a whole.
 */
const COMMON: Partial<Record<Metric, ThresholdSpec>> = {
  cpu_usage: { max: 95, severity: "warning" },
  memory_usage: { max: 95, severity: "warning" },
  battery_level: { min: 10, severity: "warning" },
};
export const TYPE_DEFAULT_THRESHOLDS: Record<string, Partial<Record<Metric, ThresholdSpec>>> = {
  sensor: { ...COMMON, temperature: { min: -20, max: 60, severity: "critical" }, humidity: { max: 95, severity: "info" } },
  tracker: { ...COMMON, temperature: { min: -30, max: 70, severity: "warning" } },
  gateway: { ...COMMON, temperature: { max: 75, severity: "critical" } },
  controller: { ...COMMON, temperature: { max: 75, severity: "critical" } },
};
const FALLBACK_THRESHOLDS: Partial<Record<Metric, ThresholdSpec>> = { ...COMMON, temperature: { max: 75, severity: "critical" } };

export function defaultThresholds(deviceType: string): Partial<Record<Metric, ThresholdSpec>> {
  return TYPE_DEFAULT_THRESHOLDS[deviceType] ?? FALLBACK_THRESHOLDS;
}

/**
 * The default clear margin: a percentage of the threshold's own range when it has both lines,
 * else of the metric's physical range (so "battery below 10" clears at 15 %, not at 10.5).
 */
export function clearMarginFor(spec: ThresholdSpec, metric: Metric, pct: number): number {
  const span = spec.min !== undefined && spec.max !== undefined ? spec.max - spec.min : METRIC_RANGES[metric].max - METRIC_RANGES[metric].min;
  return (span * pct) / 100;
}

/** The rules for a device: its type's defaults, each metric overridden by its configuration. */
export function resolveRules(deviceType: string, config: Pick<DeviceConfig, "thresholds"> | undefined, defaults: RuleDefaults): Rule[] {
  const merged: Partial<Record<Metric, ThresholdSpec>> = { ...defaultThresholds(deviceType), ...(config?.thresholds ?? {}) };
  const rules: Rule[] = [];
  for (const metric of METRICS) {
    const spec = merged[metric];
    if (!spec) continue;
    const base = {
      metric,
      severity: spec.severity ?? "warning",
      forReadings: spec.forReadings ?? defaults.forReadings,
      forSeconds: spec.forSeconds ?? defaults.forSeconds,
      clearMargin: spec.clearMargin ?? clearMarginFor(spec, metric, defaults.clearMarginPct),
    };
    if (spec.max !== undefined) rules.push({ ...base, alertType: `${metric}_high`, side: "high", limit: spec.max });
    if (spec.min !== undefined) rules.push({ ...base, alertType: `${metric}_low`, side: "low", limit: spec.min });
  }
  return rules;
}

/** Every alert type a threshold rule can have (`temperature_high`, `battery_level_low`, …). */
export const THRESHOLD_ALERT_TYPES: readonly string[] = METRICS.flatMap((metric) => [`${metric}_high`, `${metric}_low`]);

/**
 * Per device and alert type. `active` means "this process believes an alert is open": it stays
 * true while the value sits between the line and the clear level, even if a person cleared the
 * alert meanwhile (the store then reports it gone and `suppressed` is set), so a new alert
 * needs the value to come back first and then breach again.
 */
export interface RuleState {
  breaches: number;
  breachSince?: number;
  breachLatest?: number;
  active: boolean;
  suppressed: boolean;
}

export const initialRuleState = (): RuleState => ({ breaches: 0, active: false, suppressed: false });

export type RuleAction =
  | { kind: "none" }
  /** `count`: the breaching readings that led to it. */
  | { kind: "raise"; count: number }
  | { kind: "repeat" }
  | { kind: "clear" };

export const isBreach = (rule: Rule, value: number) => (rule.side === "high" ? value > rule.limit : value < rule.limit);
export const isRecovered = (rule: Rule, value: number) =>
  rule.side === "high" ? value <= rule.limit - rule.clearMargin : value >= rule.limit + rule.clearMargin;

/**
 * Evaluates one reading; mutates `state`. Readings of one device may reach a worker slightly out
 * of order (concurrent writes, several workers): each still counts, and a duration is measured
 * from the earliest breaching reading seen.
 */
export function evaluateReading(rule: Rule, state: RuleState, value: number, at: number): RuleAction {
  const breach = isBreach(rule, value);
  if (state.active) {
    if (breach) return state.suppressed ? { kind: "none" } : { kind: "repeat" };
    if (!isRecovered(rule, value)) return { kind: "none" };
    const wasOpen = !state.suppressed;
    Object.assign(state, initialRuleState());
    return wasOpen ? { kind: "clear" } : { kind: "none" };
  }
  if (!breach) {
    Object.assign(state, initialRuleState());
    return { kind: "none" };
  }
  state.breaches++;
  state.breachSince = Math.min(state.breachSince ?? at, at);
  state.breachLatest = Math.max(state.breachLatest ?? at, at);
  if (state.breaches >= rule.forReadings && state.breachLatest - state.breachSince >= rule.forSeconds * 1000) {
    const count = state.breaches;
    Object.assign(state, initialRuleState(), { active: true });
    return { kind: "raise", count };
  }
  return { kind: "none" };
}

export function alertMessage(rule: Rule, value: number): string {
  const what = rule.metric.replace("_", " ");
  return rule.side === "high" ? `${what} ${value} is above ${rule.limit}` : `${what} ${value} is below ${rule.limit}`;
}
