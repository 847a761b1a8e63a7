/**
 * Fleet health from the alert collection (never from raw readings): alerts per device, mean
 * time to acknowledge and to clear, and the noisiest devices. FerretDB has no date arithmetic in
 * aggregation, so the alerts raised in the range are read (a small collection next to readings:
 * one document per episode, not per reading) with a projection, and summed here.
 */
import type { Db } from "mongodb";
import type { AlertDoc } from "@/lib/monitoring/alert-model";
import { COLLECTIONS, telemetryDb } from "@/lib/telemetry/mongo";
import type { AnalyticsRange } from "./range";

export interface DeviceAlertHealth {
  deviceId: number;
  alerts: number;
  /** Repeats folded into those alerts (`count` − 1 each): how chatty the device is. */
  repeats: number;
  critical: number;
  open: number;
  meanMinutesToAcknowledge: number | null;
  meanMinutesToClear: number | null;
}

type AlertFields = Pick<AlertDoc, "device_id" | "severity" | "status" | "count" | "created_at" | "acknowledged_at" | "cleared_at">;

export function summarizeAlerts(alerts: AlertFields[]): DeviceAlertHealth[] {
  const byDevice = new Map<number, { alerts: number; repeats: number; critical: number; open: number; ack: number[]; clear: number[] }>();
  for (const a of alerts) {
    const d = byDevice.get(a.device_id) ?? { alerts: 0, repeats: 0, critical: 0, open: 0, ack: [], clear: [] };
    d.alerts++;
    d.repeats += Math.max(0, (a.count ?? 1) - 1);
    if (a.severity === "critical") d.critical++;
    if (a.status !== "cleared") d.open++;
    if (a.acknowledged_at) d.ack.push((a.acknowledged_at.getTime() - a.created_at.getTime()) / 60_000);
    if (a.cleared_at) d.clear.push((a.cleared_at.getTime() - a.created_at.getTime()) / 60_000);
    byDevice.set(a.device_id, d);
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  return [...byDevice.entries()]
    .map(([deviceId, d]) => ({
      deviceId,
      alerts: d.alerts,
      repeats: d.repeats,
      critical: d.critical,
      open: d.open,
      meanMinutesToAcknowledge: mean(d.ack),
      meanMinutesToClear: mean(d.clear),
    }))
    .sort((a, b) => b.alerts + b.repeats - (a.alerts + a.repeats) || a.deviceId - b.deviceId);
}

/**
 * Alert health per device for alerts raised in the range, noisiest first; with `deviceIds`, only
 * those devices' (a customer's fleet report).
 */
export async function listAlertHealth(range: AnalyticsRange, db: Db = telemetryDb(), deviceIds?: number[]): Promise<DeviceAlertHealth[]> {
  if (deviceIds && deviceIds.length === 0) return [];
  const alerts = await db
    .collection<AlertDoc>(COLLECTIONS.alerts)
    .find(
      { created_at: { $gte: range.from, $lt: range.to }, ...(deviceIds ? { device_id: { $in: deviceIds } } : {}) },
      { projection: { _id: 0, device_id: 1, severity: 1, status: 1, count: 1, created_at: 1, acknowledged_at: 1, cleared_at: 1 } },
    )
    .toArray();
  return summarizeAlerts(alerts as AlertFields[]);
}
