import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { deviceLifecycle } from "@/lib/inventory/lifecycle";
import { manualOrderLifecycle, orderLifecycle, ORDER_STATUSES, UNIT_STATUS_AFTER, type OrderStatus } from "./lifecycle";

const LEGAL: [OrderStatus, OrderStatus][] = [
  ["pending", "confirmed"],
  ["pending", "cancelled"],
  ["confirmed", "processing"],
  ["confirmed", "cancelled"],
  ["processing", "shipped"],
  ["processing", "cancelled"],
  ["shipped", "delivered"],
  ["shipped", "cancelled"],
  ["delivered", "cancelled"],
];
const BY_HAND: [OrderStatus, OrderStatus][] = [
  ["pending", "confirmed"],
  ["pending", "cancelled"],
  ["confirmed", "processing"],
  ["confirmed", "cancelled"],
  ["processing", "cancelled"],
];
const allPairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]));
const isIn = (list: [string, string][], [a, b]: [string, string]) => list.some(([x, y]) => x === a && y === b);

describe("order lifecycle", () => {
  it.each(allPairs)("%s → %s is legal exactly when the table says so", (from, to) => {
    const legal = isIn(LEGAL, [from, to]);
    expect(orderLifecycle.canTransition(from, to)).toBe(legal);
    if (legal) expect(() => orderLifecycle.assertTransition(from, to)).not.toThrow();
    else expect(() => orderLifecycle.assertTransition(from, to)).toThrow(AppError);
  });

  it.each(allPairs)("by hand, %s → %s is legal exactly for the admin moves", (from, to) => {
    expect(manualOrderLifecycle.canTransition(from, to)).toBe(isIn(BY_HAND, [from, to]));
  });

  it("cancelling is possible from pending, confirmed and processing by hand, never after shipping", () => {
    const cancellable = ORDER_STATUSES.filter((s) => manualOrderLifecycle.canTransition(s, "cancelled"));
    expect(cancellable).toEqual(["pending", "confirmed", "processing"]);
  });

  it("an illegal move answers 409 invalid_transition naming the allowed next states", () => {
    try {
      orderLifecycle.assertTransition("pending", "shipped");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(409);
      expect((error as AppError).code).toBe("invalid_transition");
      expect((error as AppError).message).toContain("confirmed, cancelled");
    }
  });

  it("every by-hand move is also a legal move", () => {
    for (const [from, to] of BY_HAND) expect(orderLifecycle.canTransition(from, to)).toBe(true);
  });
});

describe("device states an order step leaves behind", () => {
  it("placing reserves, shipping sells, cancelling releases", () => {
    expect(UNIT_STATUS_AFTER.pending).toBe("reserved");
    expect(UNIT_STATUS_AFTER.confirmed).toBe("reserved");
    expect(UNIT_STATUS_AFTER.processing).toBe("reserved");
    expect(UNIT_STATUS_AFTER.shipped).toBe("sold");
    expect(UNIT_STATUS_AFTER.delivered).toBe("sold");
    expect(UNIT_STATUS_AFTER.cancelled).toBe("in_stock");
  });

  it("placing an order is a legal device move (in_stock → reserved)", () => {
    expect(deviceLifecycle.canTransition("in_stock", UNIT_STATUS_AFTER.pending)).toBe(true);
  });

  it.each(LEGAL)("the units of an order going %s → %s can follow in the device lifecycle", (from, to) => {
    const a = UNIT_STATUS_AFTER[from];
    const b = UNIT_STATUS_AFTER[to];
    expect(a === b || deviceLifecycle.canTransition(a, b)).toBe(true);
  });
});
