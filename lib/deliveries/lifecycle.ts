import { defineLifecycle } from "@/lib/lifecycle";

export const DELIVERY_STATUSES = ["pending", "in_transit", "out_for_delivery", "delivered", "failed", "returned"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * A parcel's moves. A failed attempt can be retried (back in transit) or sent back; a delivered
 * parcel can still be returned by the customer. `returned` is final: its units are back in stock.
 */
export const deliveryLifecycle = defineLifecycle<DeliveryStatus>("delivery", {
  pending: ["in_transit", "failed", "returned"],
  in_transit: ["out_for_delivery", "delivered", "failed", "returned"],
  out_for_delivery: ["delivered", "failed", "returned"],
  failed: ["in_transit", "out_for_delivery", "delivered", "returned"],
  delivered: ["returned"],
  returned: [],
});

/** Deliveries a customer can still confirm or an admin still has to watch. */
export const OPEN_DELIVERY_STATUSES: readonly DeliveryStatus[] = ["pending", "in_transit", "out_for_delivery", "failed"];
