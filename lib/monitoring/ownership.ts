import { scopeOf, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** Units in these states are in the field: the only ones whose telemetry means anything. */
export const FIELD_STATUSES = ["sold", "deployed"];

/**
 * Which devices' telemetry a user may watch: every device for an admin ("all"), otherwise the
 * units the customer owns now.
 */
export async function visibleDeviceIds(user: SessionUser): Promise<"all" | number[]> {
  const scope = scopeOf(user, "monitoring:read");
  if (scope === "any") return "all";
  if (scope === "own") return ownedDeviceIds(user.id);
  return [];
}

/**
 * Who owns which unit now: the units of shipped or delivered orders, minus any that came back in
 * a returned parcel of that same order. (An order whose parcels all came back is cancelled, but
 * a partial return leaves the order delivered, so the parcel decides.) A unit returned and sold
 * again to someone else belongs to the new order only.
 */
const CURRENT_OWNERSHIP = Prisma.sql`
  SELECT o.customer_id, oi.device_id
  FROM t_order_items oi
  JOIN t_orders o ON o.id = oi.order_id
  WHERE o.status IN ('shipped', 'delivered')
    AND NOT EXISTS (
      SELECT 1 FROM t_delivery_items di
      JOIN t_deliveries d ON d.id = di.delivery_id
      WHERE d.order_id = o.id AND di.device_id = oi.device_id AND d.status = 'returned'
    )`;

/** The units a customer owns now (see CURRENT_OWNERSHIP). */
export async function ownedDeviceIds(customerId: number): Promise<number[]> {
  const rows = await db().$queryRaw<{ device_id: number }[]>`
    SELECT DISTINCT device_id FROM (${CURRENT_OWNERSHIP}) owned WHERE customer_id = ${customerId} ORDER BY device_id`;
  return rows.map((r) => r.device_id);
}

/** The customers who own `deviceId` now (normally one, or none). */
export async function currentOwnerIds(deviceId: number): Promise<number[]> {
  const rows = await db().$queryRaw<{ customer_id: number }[]>`
    SELECT DISTINCT customer_id FROM (${CURRENT_OWNERSHIP}) owned WHERE device_id = ${deviceId} ORDER BY customer_id`;
  return rows.map((r) => r.customer_id);
}

/** Whether `user` may watch `deviceId` (and the device exists, for admins). */
export async function canWatchDevice(user: SessionUser, deviceId: number): Promise<boolean> {
  const visible = await visibleDeviceIds(user);
  if (visible !== "all") return visible.includes(deviceId);
  return (await db().device.count({ where: { id: deviceId } })) === 1;
}
