import type { Db, ObjectId } from "mongodb";
import { z } from "zod";
import type { Role } from "@/lib/auth/permissions";
import { COLLECTIONS } from "@/lib/telemetry/mongo";

/**
 * The shape of `device_alerts` and of every alert that leaves the system (API, socket events).
 * Shared by the worker (raises and clears), the monitoring API (lists, acknowledges, clears) and
 * the realtime server (relays). Field names in MongoDB are snake_case like the specification's
 * (`device_id`, `alert_type`, `severity`, `message`, `acknowledged`, `created_at`); everything
 * that goes out is camelCase and built by `toAlertDto`, never by spreading a document.
 */
export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** open → acknowledged → cleared, or open → cleared. */
export const ALERT_STATUSES = ["open", "acknowledged", "cleared"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * `<metric>_high` / `<metric>_low` for thresholds (e.g. `temperature_high`), `device_offline`
 * for the offline detector, `anomaly` and `battery_low_soon` for the insights.
 */
export type AlertType = string;

/**
 * The open slot. MongoDB's partial indexes would say "at most one open alert per device and
 * type" directly, but FerretDB has none; so every alert carries `slot`, which is `"open"` while
 * the alert is open or acknowledged and becomes the alert's own id when it clears. A unique
 * index on (device_id, alert_type, slot) then allows one live alert per device and type, any
 * number of cleared ones, and makes "raise or bump" an atomic upsert even with several workers.
 */
export const OPEN_SLOT = "open";

export interface StaffRef {
  id: number;
  email: string;
}

export interface AlertDoc {
  _id: ObjectId;
  device_id: number;
  alert_type: AlertType;
  severity: AlertSeverity;
  message: string;
  acknowledged: boolean;
  created_at: Date;
  status: AlertStatus;
  slot: string;
  count: number;
  first_seen_at: Date;
  last_seen_at: Date;
  metric?: string;
  /** The reading that raised (or last bumped) it, and the threshold it crossed. */
  value?: number;
  threshold?: number;
  acknowledged_at?: Date;
  acknowledged_by?: StaffRef;
  ack_note?: string;
  cleared_at?: Date;
  /** A user, or "system" when the device recovered. */
  cleared_by?: StaffRef | "system";
  /** Free-form explanation (anomaly score, expected range…), customer-safe. */
  details?: Record<string, unknown>;
}

/** Idempotent; every process that touches alerts calls it at start-up. */
export async function ensureAlertIndexes(db: Db): Promise<void> {
  const alerts = db.collection(COLLECTIONS.alerts);
  await alerts.createIndex({ device_id: 1, alert_type: 1, slot: 1 }, { unique: true, name: "one_open_per_device_type" });
  await alerts.createIndex({ device_id: 1, created_at: -1 }, { name: "device_created" });
  await alerts.createIndex({ slot: 1, created_at: -1 }, { name: "slot_created" });
}

/** What an alert looks like outside. Staff identities and notes only for admins. AlertDto is its type. */
export const alertDtoSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{24}$/),
  deviceId: z.number().int().positive(),
  alertType: z.string(),
  metric: z.string().nullable(),
  severity: z.enum(ALERT_SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  message: z.string(),
  acknowledged: z.boolean(),
  count: z.number().int().positive(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.iso.datetime(),
  firstSeenAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  acknowledgedAt: z.iso.datetime().nullable(),
  clearedAt: z.iso.datetime().nullable(),
  /** Admin view only. */
  acknowledgedBy: z.string().nullable().optional(),
  ackNote: z.string().nullable().optional(),
  clearedBy: z.string().nullable().optional(),
});
export type AlertDto = z.infer<typeof alertDtoSchema>;

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

export function toAlertDto(doc: AlertDoc, role: Role): AlertDto {
  const dto: AlertDto = {
    id: doc._id.toHexString(),
    deviceId: doc.device_id,
    alertType: doc.alert_type,
    metric: doc.metric ?? null,
    severity: doc.severity,
    status: doc.status,
    message: doc.message,
    acknowledged: doc.acknowledged,
    count: doc.count,
    value: doc.value ?? null,
    threshold: doc.threshold ?? null,
    details: doc.details ?? null,
    createdAt: doc.created_at.toISOString(),
    firstSeenAt: doc.first_seen_at.toISOString(),
    lastSeenAt: doc.last_seen_at.toISOString(),
    acknowledgedAt: iso(doc.acknowledged_at),
    clearedAt: iso(doc.cleared_at),
  };
  if (role === "ADMIN") {
    dto.acknowledgedBy = doc.acknowledged_by?.email ?? null;
    dto.ackNote = doc.ack_note ?? null;
    dto.clearedBy = doc.cleared_by === "system" ? "system" : (doc.cleared_by?.email ?? null);
  }
  return dto;
}

/**
 * `alert.<deviceId>` on `device_events`: one per change. It carries the customer-safe view
 * (`toAlertDto(doc, "CUSTOMER")`), because it reaches customers' sockets; admin pages that want
 * who acknowledged refetch from the API.
 */
export const ALERT_ACTIONS = ["raised", "updated", "acknowledged", "cleared"] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];
export interface AlertEvent {
  v: 1;
  action: AlertAction;
  alert: AlertDto;
}
export const alertKey = (deviceId: number) => `alert.${deviceId}`;

/** Connectivity as stored in t_devices.connectivity. */
export const CONNECTIVITY_STATES = ["never_connected", "online", "offline"] as const;
export type Connectivity = (typeof CONNECTIVITY_STATES)[number];

/**
 * `status.<deviceId>` connectivity events (next to the worker's existing `seen` events, which
 * only feed the store): what dashboards receive as `device_status`.
 */
export const connectivityEventSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal("connectivity"),
  deviceId: z.number().int().positive(),
  state: z.enum(CONNECTIVITY_STATES),
  since: z.iso.datetime({ offset: true }),
  lastSeenAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ConnectivityEvent = z.infer<typeof connectivityEventSchema>;
