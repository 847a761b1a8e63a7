import { scopeOf, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";

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
 * The units a customer owns now: those of their shipped or delivered orders, minus any that
 * came back in a returned parcel of that same order. (An order whose parcels all came back is
 * cancelled, but a partial return leaves the order delivered, so the parcel decides.) A unit
 * returned and sold again to someone else belongs to the new order only.
 */
export async function ownedDeviceIds(customerId: number): Promise<number[]> {
  const rows = await db().$queryRaw<{ device_id: number }[]>`
    SELECT DISTINCT oi.device_id
    FROM t_order_items oi
    JOIN t_orders o ON o.id = oi.order_id
    WHERE o.customer_id = ${customerId}
      AND o.status IN ('shipped', 'delivered')
      AND NOT EXISTS (
        SELECT 1 FROM t_delivery_items di
        JOIN t_deliveries d ON d.id = di.delivery_id
        WHERE d.order_id = o.id AND di.device_id = oi.device_id AND d.status = 'returned'
      )
    ORDER BY oi.device_id`;
  return rows.map((r) => r.device_id);
}

/** The customers who own `deviceId` now, by the rule of `ownedDeviceIds` (normally one, or none). */
export async function currentOwnerIds(deviceId: number): Promise<number[]> {
  const rows = await db().$queryRaw<{ customer_id: number }[]>`
    SELECT DISTINCT o.customer_id
    FROM t_order_items oi
    JOIN t_orders o ON o.id = oi.order_id
    WHERE oi.device_id = ${deviceId}
      AND o.status IN ('shipped', 'delivered')
      AND NOT EXISTS (
        SELECT 1 FROM t_delivery_items di
        JOIN t_deliveries d ON d.id = di.delivery_id
        WHERE d.order_id = o.id AND di.device_id = oi.device_id AND d.status = 'returned'
      )
    ORDER BY o.customer_id`;
  return rows.map((r) => r.customer_id);
}

/** Whether `user` may watch `deviceId` (and the device exists, for admins). */
export async function canWatchDevice(user: SessionUser, deviceId: number): Promise<boolean> {
  const visible = await visibleDeviceIds(user);
  if (visible !== "all") return visible.includes(deviceId);
  return (await db().device.count({ where: { id: deviceId } })) === 1;
}
