import type { Logger } from "pino";
import type { Server } from "socket.io";
import type { SessionUser } from "@/lib/auth/permissions";
import { SERVER_EVENTS, type UnsubscribedPayload } from "./contract";
import { authenticate } from "./credentials";
import type { DeviceAccess } from "./device-access";
import { canWatchFleet, deviceIdOfRoom, expireSocket, FLEET_ROOM, type SocketData } from "./rooms";

/**
 * One pass over the connected sockets: credentials that no longer authenticate (revoked, or a
 * user since removed) end the connection; rooms of devices the user no longer owns (a returned
 * unit, a cancelled order) are left, with an `unsubscribed` event so the page can say why.
 * Each distinct credential and each user is checked once per pass, however many tabs they have.
 */
export async function revalidateSockets(io: Server, access: DeviceAccess, log: Logger): Promise<void> {
  const auth = new Map<unknown, Promise<SessionUser | null | undefined>>();
  const visible = new Map<number, Promise<"all" | Set<number> | undefined>>();
  const users = new Set<number>();
  for (const socket of io.of("/").sockets.values()) {
    const data = socket.data as SocketData;
    const key = data.credentials.token ?? data.credentials.cookieHeader;
    // undefined = could not check now (database down): keep the socket, try again next pass.
    if (!auth.has(key)) auth.set(key, authenticate(data.credentials).catch(() => undefined));
    const user = await auth.get(key);
    if (user === null) {
      log.info({ userId: data.user.id }, "credentials no longer valid; disconnecting");
      expireSocket(socket);
      continue;
    }
    if (!user || !socket.connected) continue;
    data.user = user;
    users.add(user.id);
    if (socket.rooms.has(FLEET_ROOM) && !canWatchFleet(user)) void socket.leave(FLEET_ROOM);
    const deviceRooms = [...socket.rooms].filter((room) => deviceIdOfRoom(room) !== null);
    if (!deviceRooms.length) continue;
    if (!visible.has(user.id)) visible.set(user.id, access.refresh(user).catch(() => undefined));
    const allowed = await visible.get(user.id);
    if (!allowed || allowed === "all") continue;
    for (const room of deviceRooms) {
      const deviceId = deviceIdOfRoom(room)!;
      if (allowed.has(deviceId)) continue;
      void socket.leave(room);
      socket.emit(SERVER_EVENTS.unsubscribed, { deviceId, reason: "access_revoked" } satisfies UnsubscribedPayload);
    }
  }
  access.retainOnly(users);
}
