import type { Socket } from "socket.io";
import { scopeOf, type SessionUser } from "@/lib/auth/permissions";
import { SERVER_EVENTS } from "./contract";
import type { Credentials } from "./credentials";

/** Admins watching everything share one room; everyone else joins one room per device. */
export const FLEET_ROOM = "fleet";
export const deviceRoom = (deviceId: number) => `device:${deviceId}`;
export const deviceIdOfRoom = (room: string): number | null => (room.startsWith("device:") ? Number(room.slice(7)) : null);

export const canWatchFleet = (user: SessionUser) => scopeOf(user, "monitoring:read") === "any";

export interface SocketData {
  user: SessionUser;
  credentials: Credentials;
  expiresAt: number | null;
  expiryTimer?: NodeJS.Timeout;
}

/** Tells the client why, then drops it: its session or token is no longer valid. */
export function expireSocket(socket: Socket) {
  socket.emit(SERVER_EVENTS.sessionExpired);
  socket.disconnect(true);
}
