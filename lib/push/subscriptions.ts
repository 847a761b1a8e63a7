import { requirePermission, ROLES, scopeOf, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { currentOwnerIds } from "@/lib/monitoring/ownership";
import type { PushSubscriptionInput } from "./schemas";

export interface PushTarget {
  id: number;
  userId: number;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * Saves the signed-in user's browser subscription. An endpoint belongs to one browser profile:
 * if another account subscribed it before (a shared computer, signed in as someone else now),
 * it moves to this user, so the previous account's alerts stop reaching this screen.
 */
export async function saveSubscription(user: SessionUser, input: PushSubscriptionInput): Promise<{ id: number }> {
  requirePermission(user, "push:subscribe", { ownerId: user.id });
  const data = { userId: user.id, p256dh: input.keys.p256dh, auth: input.keys.auth };
  const row = await db().pushSubscription.upsert({
    where: { endpoint: input.endpoint },
    create: { endpoint: input.endpoint, ...data },
    update: data,
    select: { id: true },
  });
  return row;
}

/** Removes one of the user's own subscriptions; someone else's endpoint is "not found". */
export async function deleteSubscription(user: SessionUser, endpoint: string): Promise<void> {
  requirePermission(user, "push:subscribe", { ownerId: user.id });
  const { count } = await db().pushSubscription.deleteMany({ where: { endpoint, userId: user.id } });
  if (count === 0) throw notFound("Subscription");
}

/** The push service said the subscription is gone (404/410). */
export async function deleteExpiredSubscription(id: number): Promise<void> {
  await db().pushSubscription.deleteMany({ where: { id } });
}

/** Roles that watch every device (admins); everyone else only hears about the devices they own. */
const FLEET_ROLES = ROLES.filter((role) => scopeOf({ id: 0, email: "", name: "", role }, "monitoring:read") === "any");

/**
 * Who hears about an alert on `deviceId`: subscriptions of users who may watch every device, and
 * of the customers who own the unit now (lib/monitoring/ownership.ts).
 */
export async function listAlertRecipients(deviceId: number): Promise<PushTarget[]> {
  const owners = await currentOwnerIds(deviceId);
  return db().pushSubscription.findMany({
    where: { OR: [{ user: { role: { in: FLEET_ROLES } } }, { userId: { in: owners } }] },
    select: { id: true, userId: true, endpoint: true, p256dh: true, auth: true },
    orderBy: { id: "asc" },
  });
}
