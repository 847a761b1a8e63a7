import type { AlertDoc } from "@/lib/monitoring/alert-model";

/**
 * What a push notification carries, built field by field (never by spreading the alert): the
 * same payload goes to staff and to the customer who owns the device, so it holds nothing a
 * customer may not see — no acknowledging staff, no notes. The service worker (public/sw.js)
 * shows `title` and `body` and opens `url` on a tap.
 */
export interface AlertPushPayload {
  v: 1;
  kind: "alert";
  title: string;
  body: string;
  alertId: string;
  deviceId: number;
  alertType: string;
  severity: string;
  url: string;
  at: string;
}

const MAX_BODY = 240;
const label = (alertType: string) => alertType.replace(/_/g, " ");

export function alertPushPayload(alert: Pick<AlertDoc, "_id" | "device_id" | "alert_type" | "severity" | "message" | "created_at">, deviceName: string | null): AlertPushPayload {
  const device = deviceName ? `${deviceName} (#${alert.device_id})` : `device #${alert.device_id}`;
  const body = alert.message.length > MAX_BODY ? `${alert.message.slice(0, MAX_BODY - 1)}…` : alert.message;
  return {
    v: 1,
    kind: "alert",
    title: `Critical: ${label(alert.alert_type)} on ${device}`,
    body,
    alertId: alert._id.toHexString(),
    deviceId: alert.device_id,
    alertType: alert.alert_type,
    severity: alert.severity,
    url: `/monitoring/devices/${alert.device_id}`,
    at: alert.created_at.toISOString(),
  };
}
