import { scopeOf, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";

/** Orders in these states hand their units to the customer for monitoring purposes. */
const OWNING_ORDER_STATUSES = ["shipped", "delivered"];

/**
 * Which devices' telemetry a user may watch: every device for an admin ("all"), otherwise the
 * units of the customer's own shipped or delivered orders.
 */
export async function visibleDeviceIds(user: SessionUser): Promise<"all" | number[]> {
  const scope = scopeOf(user, "monitoring:read");
  if (scope === "any") return "all";
  if (scope === "own") return ownedDeviceIds(user.id);
  return [];
}

export async function ownedDeviceIds(customerId: number): Promise<number[]> {
  const items = await db().orderItem.findMany({
    where: { order: { customerId, status: { in: OWNING_ORDER_STATUSES } } },
    select: { deviceId: true },
  });
  return [...new Set(items.map((i) => i.deviceId))];
}
