import { z } from "zod";
import { ALERT_ACTIONS, ALERT_SEVERITIES, ALERT_STATUSES, connectivityEventSchema } from "@/lib/monitoring/alert-model";
import { METRICS, telemetryMessageSchema } from "@/lib/telemetry/schema";
import type { AlertPayload, DeviceStatusPayload, TelemetryPayload } from "./contract";

/**
 * Turns a `device_events` message into what dashboards receive. Every message is validated and
 * every outgoing payload is built field by field: a broker message is never spread to a client,
 * so a field added upstream (an internal note, raw device data) cannot leak by accident.
 */
export type RelayEvent =
  | { kind: "telemetry"; deviceId: number; payload: TelemetryPayload }
  | { kind: "alert"; deviceId: number; payload: AlertPayload }
  | { kind: "device_status"; deviceId: number; payload: DeviceStatusPayload };

const iso = z.iso.datetime({ offset: true });
const isoOrNull = iso.nullable();

// z.object (not strict) drops unknown keys: the parsed value is the allow-list.
const alertEventSchema = z.object({
  v: z.literal(1),
  action: z.enum(ALERT_ACTIONS),
  alert: z.object({
    id: z.string().max(64),
    deviceId: z.number().int().positive(),
    alertType: z.string().max(100),
    metric: z.string().max(100).nullable(),
    severity: z.enum(ALERT_SEVERITIES),
    status: z.enum(ALERT_STATUSES),
    message: z.string().max(1000),
    acknowledged: z.boolean(),
    count: z.number().int().nonnegative(),
    value: z.number().nullable(),
    threshold: z.number().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    createdAt: iso,
    firstSeenAt: iso,
    lastSeenAt: iso,
    acknowledgedAt: isoOrNull,
    clearedAt: isoOrNull,
  }),
});

/** The device id a routing key names (`telemetry.42` → 42), or null. */
export function deviceIdOfKey(routingKey: string): { family: string; deviceId: number } | null {
  const match = /^(telemetry|alert|status)\.([1-9]\d{0,9})$/.exec(routingKey);
  if (!match) return null;
  const deviceId = Number(match[2]);
  return Number.isSafeInteger(deviceId) ? { family: match[1], deviceId } : null;
}

export function parseBrokerMessage(routingKey: string, content: Buffer): RelayEvent | null {
  const key = deviceIdOfKey(routingKey);
  if (!key) return null;
  let body: unknown;
  try {
    body = JSON.parse(content.toString("utf8"));
  } catch {
    return null;
  }
  if (key.family === "telemetry") return telemetryEvent(key.deviceId, body);
  if (key.family === "alert") {
    const parsed = alertEventSchema.safeParse(body);
    if (!parsed.success || parsed.data.alert.deviceId !== key.deviceId) return null;
    const { action, alert } = parsed.data;
    return { kind: "alert", deviceId: key.deviceId, payload: { action, alert } };
  }
  // status.<id> also carries the worker's internal `seen` events: only connectivity goes out.
  const parsed = connectivityEventSchema.safeParse(body);
  if (!parsed.success || parsed.data.deviceId !== key.deviceId) return null;
  const { deviceId, state, since, lastSeenAt } = parsed.data;
  return { kind: "device_status", deviceId, payload: { deviceId, state, since, lastSeenAt } };
}

/** A message carries a batch of readings; a dashboard only needs the newest of them. */
function telemetryEvent(deviceId: number, body: unknown): RelayEvent | null {
  const parsed = telemetryMessageSchema.safeParse(body);
  if (!parsed.success || parsed.data.deviceId !== deviceId) return null;
  let newest = parsed.data.readings[0];
  for (const r of parsed.data.readings) if (r.timestamp.getTime() >= newest.timestamp.getTime()) newest = r;
  const metrics: TelemetryPayload["metrics"] = {};
  for (const m of METRICS) if (newest.metrics[m] !== undefined) metrics[m] = newest.metrics[m];
  const payload: TelemetryPayload = { deviceId, timestamp: newest.timestamp.toISOString(), metrics };
  if (newest.location) payload.location = { lat: newest.location.lat, lng: newest.location.lng };
  return { kind: "telemetry", deviceId, payload };
}
