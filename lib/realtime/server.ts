import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { userFromHandshake } from "@/lib/auth/handshake";
import type { SessionUser } from "@/lib/auth/permissions";
import { visibleDeviceIds } from "@/lib/monitoring/ownership";

export const SOCKET_PATH = "/ws/monitoring";
export const FLEET_ROOM = "fleet";
export const deviceRoom = (deviceId: number | string) => `device:${deviceId}`;

interface SocketData {
  user: SessionUser;
  visible: "all" | number[];
}

/**
 * The Socket.IO side of the realtime server. A dashboard connects with its session cookie (or
 * an API token in `auth.token`); admins join the fleet room, customers the rooms of their own
 * devices. `subscribe`/`unsubscribe` narrow a dashboard to one device; asking for a device the
 * user may not watch is answered as if it did not exist.
 */
export function createSocketServer(http: HttpServer): Server {
  const io = new Server(http, { path: SOCKET_PATH, serveClient: false });

  io.use(async (socket, next) => {
    try {
      const user = await userFromHandshake({ token: socket.handshake.auth?.token, cookieHeader: socket.handshake.headers.cookie });
      if (!user) return next(new Error("unauthorized"));
      const visible = await visibleDeviceIds(user);
      (socket.data as SocketData) = { user, visible };
      next();
    } catch (error) {
      console.error("[realtime] handshake failed", error);
      next(new Error("unavailable"));
    }
  });

  io.on("connection", (socket: Socket) => {
    const { visible } = socket.data as SocketData;
    if (visible === "all") void socket.join(FLEET_ROOM);
    else for (const id of visible) void socket.join(deviceRoom(id));

    socket.on("subscribe", (deviceId: unknown, ack?: (reply: unknown) => void) => {
      const id = Number(deviceId);
      const allowed = Number.isSafeInteger(id) && (visible === "all" || visible.includes(id));
      if (!allowed) return ack?.({ error: { code: "not_found", message: "Device not found" } });
      void socket.join(deviceRoom(id));
      ack?.({ ok: true });
    });
    socket.on("unsubscribe", (deviceId: unknown, ack?: (reply: unknown) => void) => {
      void socket.leave(deviceRoom(Number(deviceId)));
      ack?.({ ok: true });
    });
  });
  return io;
}

/** Sends one event to everyone allowed to see it: the fleet room and the device's own room. */
export function broadcast(io: Server, event: string, deviceId: string, payload: unknown) {
  io.to(FLEET_ROOM).to(deviceRoom(deviceId)).emit(event, { deviceId: Number(deviceId), ...(payload as object) });
}
