"use client";

import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { AlertEvent, ConnectivityEvent } from "@/lib/monitoring/alert-model";

/** `telemetry` as the realtime server sends it: one reading of one device. */
export interface TelemetryEvent {
  deviceId: number;
  timestamp: string;
  metrics: Partial<Record<string, number>>;
  location?: { lat: number; lng: number };
}
export type DeviceStatusEvent = Pick<ConnectivityEvent, "deviceId" | "state" | "since" | "lastSeenAt">;

export type Target = { deviceId: number } | { fleet: true };
export type LiveState = "connecting" | "live" | "reconnecting" | "denied";

export interface MonitoringSocketOptions {
  /** Where the realtime server is; empty means this origin (through the gateway). */
  realtimeUrl: string;
  /** What to watch: devices one by one, or (admins) the whole fleet. */
  targets: Target[];
  onTelemetry?: (event: TelemetryEvent) => void;
  onAlert?: (event: AlertEvent) => void;
  onStatus?: (event: DeviceStatusEvent) => void;
  /** After a reconnect: refetch the window missed while away, so charts have no gap. */
  onResync?: () => void;
}

export const SOCKET_PATH = "/ws/monitoring";

/**
 * The one Socket.IO connection of a monitoring page. Authenticates with the session cookie
 * (WebSocket transport only: no CORS preflight when the realtime server is on another port),
 * subscribes on every (re)connect, and reports whether the page is live.
 */
export function useMonitoringSocket(options: MonitoringSocketOptions): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const handlers = useRef(options);
  useEffect(() => {
    handlers.current = options;
  });
  const { realtimeUrl } = options;
  const targetKey = JSON.stringify(options.targets);

  useEffect(() => {
    const targets = JSON.parse(targetKey) as Target[];
    const opts = { path: SOCKET_PATH, transports: ["websocket"], withCredentials: true };
    const socket: Socket = realtimeUrl ? io(realtimeUrl, opts) : io(opts);
    let connectedBefore = false;
    // Subscriptions do not survive a reconnect: subscribe to everything again on every connect.
    socket.on("connect", async () => {
      const replies = await Promise.all(
        targets.map((t) => socket.timeout(10_000).emitWithAck("subscribe", t).then((r: { ok?: boolean }) => r?.ok === true, () => false)),
      );
      if (!socket.connected) return;
      const ok = replies.length === 0 || replies.some(Boolean);
      setState(ok ? "live" : "denied");
      if (ok && connectedBefore) handlers.current.onResync?.();
      if (ok) connectedBefore = true;
    });
    socket.on("disconnect", () => setState("reconnecting"));
    socket.on("connect_error", () => setState((s) => (s === "connecting" && !connectedBefore ? "connecting" : "reconnecting")));
    socket.on("telemetry", (e: TelemetryEvent) => handlers.current.onTelemetry?.(e));
    socket.on("alert", (e: AlertEvent) => handlers.current.onAlert?.(e));
    socket.on("device_status", (e: DeviceStatusEvent) => handlers.current.onStatus?.(e));
    return () => {
      socket.removeAllListeners();
      socket.close();
    };
  }, [realtimeUrl, targetKey]);

  return state;
}
