import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { deliveryLifecycle, DELIVERY_STATUSES, type DeliveryStatus } from "./lifecycle";

const LEGAL: [DeliveryStatus, DeliveryStatus][] = [
  ["pending", "in_transit"],
  ["pending", "failed"],
  ["pending", "returned"],
  ["in_transit", "out_for_delivery"],
  ["in_transit", "delivered"],
  ["in_transit", "failed"],
  ["in_transit", "returned"],
  ["out_for_delivery", "delivered"],
  ["out_for_delivery", "failed"],
  ["out_for_delivery", "returned"],
  ["failed", "in_transit"],
  ["failed", "out_for_delivery"],
  ["failed", "delivered"],
  ["failed", "returned"],
  ["delivered", "returned"],
];
const allPairs = DELIVERY_STATUSES.flatMap((from) => DELIVERY_STATUSES.map((to) => [from, to] as [DeliveryStatus, DeliveryStatus]));

describe("delivery lifecycle", () => {
  it.each(allPairs)("%s → %s is legal exactly when the table says so", (from, to) => {
    const legal = LEGAL.some(([a, b]) => a === from && b === to);
    expect(deliveryLifecycle.canTransition(from, to)).toBe(legal);
    if (legal) expect(() => deliveryLifecycle.assertTransition(from, to)).not.toThrow();
    else expect(() => deliveryLifecycle.assertTransition(from, to)).toThrow(AppError);
  });

  it("returned is final and says so", () => {
    expect(deliveryLifecycle.nextStates("returned")).toEqual([]);
    expect(() => deliveryLifecycle.assertTransition("returned", "in_transit")).toThrow(/returned is final/);
  });

  it("a parcel cannot be confirmed before it left (pending → delivered is illegal)", () => {
    expect(deliveryLifecycle.canTransition("pending", "delivered")).toBe(false);
  });
});
