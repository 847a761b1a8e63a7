/**
 * What the insights raise through the alert machinery (lib/monitoring/alert-model.ts): the
 * `anomaly` and `battery_low_soon` alerts, built from a detector finding or a battery forecast.
 * Pure, so the worker only has to hand the result to the alert service; the details are
 * customer-safe (numbers and a sentence, no staff data).
 */
import type { AlertSeverity } from "@/lib/monitoring/alert-model";
import type { AnomalyFinding } from "./anomaly";
import type { BatteryForecast } from "./battery-forecast";

export interface InsightAlert {
  deviceId: number;
  alertType: "anomaly" | "battery_low_soon";
  severity: AlertSeverity;
  message: string;
  metric?: string;
  value?: number;
  details: Record<string, unknown>;
}

export const BATTERY_WARNING_DAYS = 7;
const DAY = 86_400_000;

export function anomalyAlert(deviceId: number, finding: AnomalyFinding): InsightAlert {
  return {
    deviceId,
    alertType: "anomaly",
    severity: "warning",
    message: finding.message,
    ...(finding.metric !== "*" ? { metric: finding.metric } : {}),
    ...(Number.isFinite(finding.observed) ? { value: finding.observed } : {}),
    details: {
      kind: finding.kind,
      expected: Number.isFinite(finding.expected) ? finding.expected : null,
      low: Number.isFinite(finding.low) ? finding.low : null,
      high: Number.isFinite(finding.high) ? finding.high : null,
      score: finding.score,
      baseline: finding.baseline,
    },
  };
}

/**
 * A `battery_low_soon` alert when the forecast says 10 % within `days`; null when it does not
 * (the caller clears an open one). Critical once the earliest date is within a day.
 */
export function batteryAlert(deviceId: number, forecast: BatteryForecast, now: Date, days = BATTERY_WARNING_DAYS): InsightAlert | null {
  if (forecast.status !== "discharging") return null;
  const until = forecast.reachesAt.getTime() - now.getTime();
  if (until > days * DAY) return null;
  return {
    deviceId,
    alertType: "battery_low_soon",
    severity: forecast.earliest.getTime() - now.getTime() <= DAY ? "critical" : "warning",
    message: forecast.message,
    metric: "battery_level",
    value: Math.round(forecast.level * 10) / 10,
    details: {
      reachesAt: forecast.reachesAt.toISOString(),
      earliest: forecast.earliest.toISOString(),
      latest: forecast.latest?.toISOString() ?? null,
      ratePerDay: Math.round(forecast.ratePerDay * 1000) / 1000,
    },
  };
}
