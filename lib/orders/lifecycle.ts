import { defineLifecycle } from "@/lib/lifecycle";

export const ORDER_STATUSES = ["pending", "confirmed", "processing", "shipped", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Every move an order can make. `shipped` and `delivered` are reached through deliveries
 * (creating one ships the order; the last one delivered delivers it); a delivery that comes
 * back returned can cancel a shipped or delivered order.
 */
export const orderLifecycle = defineLifecycle<OrderStatus>("order", {
  pending: ["confirmed", "cancelled"],
  confirmed: ["processing", "cancelled"],
  processing: ["shipped", "cancelled"],
  shipped: ["delivered", "cancelled"],
  delivered: ["cancelled"],
  cancelled: [],
});

/** The moves `PUT /api/orders/{id}/status` may make; shipping and delivery belong to deliveries. */
export const manualOrderLifecycle = defineLifecycle<OrderStatus>("order (by hand)", {
  pending: ["confirmed", "cancelled"],
  confirmed: ["processing", "cancelled"],
  processing: ["cancelled"],
  shipped: [],
  delivered: [],
  cancelled: [],
});

/** Orders whose units are still spoken for; a unit may sit in at most one of them. */
export const ACTIVE_ORDER_STATUSES: readonly OrderStatus[] = ["pending", "confirmed", "processing", "shipped"];

/** The device status an order's units are left in after the order reaches each status. */
export const UNIT_STATUS_AFTER: Record<OrderStatus, "reserved" | "sold" | "in_stock"> = {
  pending: "reserved",
  confirmed: "reserved",
  processing: "reserved",
  shipped: "sold",
  delivered: "sold",
  cancelled: "in_stock",
};
