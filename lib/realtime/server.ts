import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server, type Socket } from "socket.io";
import type { RelayEvent } from "./broker-events";
import { Coalescer } from "./coalescer";
import { SERVER_EVENTS, SOCKET_PATH, type TelemetryPayload } from "./contract";
import { authenticate, credentialsExpireAt, type Credentials } from "./credentials";
import { DeviceAccess } from "./device-access";
import { handleRequest } from "./requests";
import { revalidateSockets } from "./revalidate";
import { deviceRoom, expireSocket, FLEET_ROOM, type SocketData } from "./rooms";

export { SOCKET_PATH };
export { FLEET_ROOM, deviceRoom };
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RealtimeOptions {
  log: Logger;
  coalesceMs: number;
  revalidateMs: number;
  maxMessageBytes: number;
  maxSubscriptions: number;
}

export interface RealtimeServer {
  io: Server;
  relay(event: RelayEvent): void;
  close(): Promise<void>;
}

/**
 * The Socket.IO side of the realtime server: authenticates dashboards, answers subscribe /
 * unsubscribe (lib/realtime/contract.ts), and relays device events to the rooms allowed to see
 * them — the fleet room (admins) and each device's own room.
 */
export function createRealtimeServer(http: HttpServer, options: RealtimeOptions): RealtimeServer {
  const { log } = options;
  const io = new Server(http, { path: SOCKET_PATH, serveClient: false, maxHttpBufferSize: options.maxMessageBytes });
  const access = new DeviceAccess(options.revalidateMs);
  const emitTo = (deviceId: number, event: string, payload: unknown) => io.to(FLEET_ROOM).to(deviceRoom(deviceId)).emit(event, payload);
  const telemetry = new Coalescer<TelemetryPayload>(
    options.coalesceMs,
    (deviceId, payload) => emitTo(deviceId, SERVER_EVENTS.telemetry, payload),
    (candidate, current) => candidate.timestamp >= current.timestamp,
  );

  io.use(async (socket, next) => {
    try {
      const auth: unknown = socket.handshake.auth;
      const credentials: Credentials = {
        token: auth && typeof auth === "object" ? (auth as { token?: unknown }).token : undefined,
        cookieHeader: socket.handshake.headers.cookie,
      };
      const user = await authenticate(credentials);
      const expiresAt = user ? await credentialsExpireAt(credentials) : null;
      if (!user || (expiresAt !== null && expiresAt <= Date.now())) return next(new Error("unauthorized"));
      socket.data = { user, credentials, expiresAt } satisfies SocketData;
      next();
    } catch (error) {
      log.error({ err: error }, "handshake failed");
      next(new Error("unavailable"));
    }
  });

  io.on("connection", (socket: Socket) => {
    const data = socket.data as SocketData;
    const scheduleExpiry = (at: number) => {
      // Timers top out at ~24.8 days; a longer-lived token is re-armed when the first one fires.
      data.expiryTimer = setTimeout(() => (Date.now() >= at ? expireSocket(socket) : scheduleExpiry(at)), Math.min(MAX_TIMER_MS, Math.max(0, at - Date.now())));
    };
    if (data.expiresAt !== null) scheduleExpiry(data.expiresAt);
    socket.on("disconnect", () => clearTimeout(data.expiryTimer));
    const context = { socket, access, log, maxSubscriptions: options.maxSubscriptions };
    socket.on("subscribe", (...args: unknown[]) => void handleRequest(context, "subscribe", args));
    socket.on("unsubscribe", (...args: unknown[]) => void handleRequest(context, "unsubscribe", args));
  });

  let running = false;
  const revalidation = setInterval(() => {
    if (running) return;
    running = true;
    revalidateSockets(io, access, log)
      .catch((error: unknown) => log.error({ err: error }, "re-validation failed"))
      .finally(() => (running = false));
  }, options.revalidateMs);
  revalidation.unref();

  return {
    io,
    relay(event) {
      if (event.kind === "telemetry") telemetry.push(event.deviceId, event.payload);
      else emitTo(event.deviceId, event.kind === "alert" ? SERVER_EVENTS.alert : SERVER_EVENTS.deviceStatus, event.payload);
    },
    async close() {
      clearInterval(revalidation);
      telemetry.close();
      // Clients reconnect (to another node, or to this one when it is back) and refetch the gap.
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
