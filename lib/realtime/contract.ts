import { z } from "zod";
import type { AlertAction, AlertDto, Connectivity } from "@/lib/monitoring/alert-model";
import type { Metric } from "@/lib/telemetry/schema";

/**
 * The Socket.IO contract of `/ws/monitoring`, shared by the realtime server and the browser hook.
 *
 * Connect with the next-auth session cookie (same origin) or `auth: { token }` (an API token).
 * Nothing is streamed until the client subscribes:
 *   socket.emit("subscribe", { deviceId: 42 }, (ack) => …)   // a device the user may watch
 *   socket.emit("subscribe", { fleet: true }, (ack) => …)    // every device; admins only
 *   socket.emit("unsubscribe", { deviceId: 42 } | { fleet: true }, (ack) => …)
 * Every request needs an acknowledgement callback; the ack is `{ ok: true, serverTime }` or
 * `{ ok: false, error: { code, message }, serverTime }`. A device the user may not watch is
 * answered `not_found`, exactly like one that does not exist.
 *
 * Server → client events: `telemetry` (at most 2 per second per device — the latest reading
 * wins, and the last one always arrives), `alert`, `device_status`, and `unsubscribed` (the
 * server removed a subscription, e.g. the unit was returned). `session_expired` precedes a
 * disconnect when the session or token ran out or was revoked. Socket.IO does not reconnect by
 * itself after a server-side disconnect: call `socket.connect()` once (the browser may hold a
 * renewed session cookie by now); if that is refused with `unauthorized`, the user must sign in.
 *
 * Reconnecting: subscriptions do not survive a reconnect. After `connect` fires again, the client
 * re-subscribes and refetches the window it missed from the monitoring API
 * (`GET /api/monitoring/data/{deviceId}?from=<last reading it holds>&to=<ack.serverTime>`), then
 * appends live events with a timestamp after what it already has.
 */
export const SOCKET_PATH = "/ws/monitoring";

export const CLIENT_EVENTS = { subscribe: "subscribe", unsubscribe: "unsubscribe" } as const;
export const SERVER_EVENTS = {
  telemetry: "telemetry",
  alert: "alert",
  deviceStatus: "device_status",
  unsubscribed: "unsubscribed",
  sessionExpired: "session_expired",
} as const;

export const subscriptionRequestSchema = z.union([
  z.strictObject({ deviceId: z.number().int().positive().max(2_147_483_647) }),
  z.strictObject({ fleet: z.literal(true) }),
]);
export type SubscriptionRequest = z.infer<typeof subscriptionRequestSchema>;

export const ACK_ERROR_CODES = ["invalid_request", "not_found", "forbidden", "too_many_subscriptions", "internal"] as const;
export type AckErrorCode = (typeof ACK_ERROR_CODES)[number];

export type Ack =
  | { ok: true; serverTime: string }
  | { ok: false; error: { code: AckErrorCode; message: string }; serverTime: string };

export interface TelemetryPayload {
  deviceId: number;
  /** The device's time of the reading, ISO 8601. */
  timestamp: string;
  metrics: Partial<Record<Metric, number>>;
  location?: { lat: number; lng: number };
}

/** Customer-safe alert view (`toAlertDto(doc, "CUSTOMER")`); admins refetch staff fields from the API. */
export type AlertPayload = { action: AlertAction; alert: Omit<AlertDto, "acknowledgedBy" | "ackNote" | "clearedBy"> };

export interface DeviceStatusPayload {
  deviceId: number;
  state: Connectivity;
  since: string;
  lastSeenAt: string | null;
}

export interface UnsubscribedPayload {
  deviceId: number;
  reason: "access_revoked";
}
