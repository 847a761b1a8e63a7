import type { Logger } from "pino";
import type { Socket } from "socket.io";
import { subscriptionRequestSchema, type Ack, type AckErrorCode, type SubscriptionRequest } from "./contract";
import type { DeviceAccess } from "./device-access";
import { canWatchFleet, deviceRoom, FLEET_ROOM, type SocketData } from "./rooms";

export interface RequestContext {
  socket: Socket;
  access: DeviceAccess;
  log: Logger;
  maxSubscriptions: number;
}

const ok = (): Ack => ({ ok: true, serverTime: new Date().toISOString() });
const fail = (code: AckErrorCode, message: string): Ack => ({ ok: false, error: { code, message }, serverTime: new Date().toISOString() });

/**
 * One `subscribe` / `unsubscribe` from a client. Whatever the client sent — no payload, `null`,
 * `[]`, `{ "toString": null }`, extra arguments, no callback or a non-function one — this never
 * throws: a malformed request is answered with an error ack when there is a callback, and
 * dropped when there is none (the contract requires one).
 */
export async function handleRequest(context: RequestContext, kind: "subscribe" | "unsubscribe", args: unknown[]): Promise<void> {
  const { socket, log } = context;
  const last = args.length ? args[args.length - 1] : undefined;
  if (typeof last !== "function") return void log.debug({ kind }, "request without an acknowledgement callback ignored");
  const reply = (ack: Ack) => {
    try {
      (last as (ack: Ack) => void)(ack);
    } catch (error) {
      log.warn({ err: error }, "acknowledgement failed");
    }
  };
  try {
    const parsed = args.length === 2 ? subscriptionRequestSchema.safeParse(args[0]) : undefined;
    if (!parsed?.success) return reply(fail("invalid_request", "Expected { deviceId: <positive integer> } or { fleet: true }"));
    reply(kind === "subscribe" ? await subscribe(context, parsed.data) : unsubscribe(socket, parsed.data));
  } catch (error) {
    log.error({ err: error, kind }, "request failed");
    reply(fail("internal", "Could not process the request; try again"));
  }
}

async function subscribe({ socket, access, maxSubscriptions }: RequestContext, request: SubscriptionRequest): Promise<Ack> {
  const { user } = socket.data as SocketData;
  if ("fleet" in request) {
    if (!canWatchFleet(user)) return fail("forbidden", "Only administrators can watch the whole fleet");
    await socket.join(FLEET_ROOM);
    return ok();
  }
  const room = deviceRoom(request.deviceId);
  if (!socket.rooms.has(room) && socket.rooms.size > maxSubscriptions) {
    return fail("too_many_subscriptions", `At most ${maxSubscriptions} devices per connection`);
  }
  // Answered like a device that does not exist: a customer must not learn that others' units exist.
  if (!(await access.canWatch(user, request.deviceId))) return fail("not_found", "Device not found");
  if (socket.connected) await socket.join(room);
  return ok();
}

function unsubscribe(socket: Socket, request: SubscriptionRequest): Ack {
  void socket.leave("fleet" in request ? FLEET_ROOM : deviceRoom(request.deviceId));
  return ok();
}
