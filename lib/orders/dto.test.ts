import { describe, expect, it } from "vitest";
import type { AuditEventDto } from "@/lib/audit";
import { toCustomerTimeline } from "./dto";

const event = (over: Partial<AuditEventDto>): AuditEventDto => ({
  id: "1",
  action: "status_changed",
  fromStatus: null,
  toStatus: null,
  reason: "internal note",
  actor: "admin@example.com",
  actorId: 1,
  data: { secret: "staff only" },
  createdAt: "2026-11-27T10:00:00.000Z",
  ...over,
});

describe("a customer's order timeline", () => {
  it("keeps a parcel's status move (so the page can say the parcel was delivered) and nothing else of the event's data", () => {
    const [parcel] = toCustomerTimeline(
      [event({ action: "delivery_update", reason: "TRK1: delivered — left with the neighbour", data: { deliveryId: 7, from: "out_for_delivery", to: "delivered", label: "x" } })],
      42,
    );
    expect(parcel).toEqual({ id: "1", action: "delivery_update", fromStatus: null, toStatus: null, reason: null, actor: "Store staff", data: { from: "out_for_delivery", to: "delivered" }, createdAt: "2026-11-27T10:00:00.000Z" });
  });

  it("drops data of every other event, and data that is not a plain status name", () => {
    const [changed, odd] = toCustomerTimeline(
      [event({ toStatus: "confirmed" }), event({ action: "delivery_update", data: { from: "shipped", to: "<script>" } })],
      42,
    );
    expect(changed.data).toBeNull();
    expect(changed.actor).toBe("Store staff");
    expect(odd.data).toBeNull();
  });

  it("shows the customer's own entries as theirs, with their reason", () => {
    const [own] = toCustomerTimeline([event({ actorId: 42, reason: "changed my mind", toStatus: "cancelled" })], 42);
    expect(own).toMatchObject({ actor: "You", reason: "changed my mind" });
    expect(own).not.toHaveProperty("actorId");
  });
});
