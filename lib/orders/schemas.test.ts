import { describe, expect, it } from "vitest";
import { placeOrderSchema } from "./schemas";

const address = "1 Main Street, Springfield";

describe("placeOrderSchema", () => {
  it("accepts units and products side by side", () => {
    const parsed = placeOrderSchema.parse({ items: [{ deviceId: 3 }, { type: "sensor", model: "TH-100", quantity: 2 }], shippingAddress: address });
    expect(parsed.items).toHaveLength(2);
  });

  it.each([
    ["a client price", { items: [{ deviceId: 3, price: "0.01" }], shippingAddress: address }],
    ["a client total", { items: [{ deviceId: 3 }], shippingAddress: address, totalAmount: "1.00" }],
    ["no items", { items: [], shippingAddress: address }],
    ["zero quantity", { items: [{ type: "sensor", model: "X", quantity: 0 }], shippingAddress: address }],
    ["a fractional quantity", { items: [{ type: "sensor", model: "X", quantity: 1.5 }], shippingAddress: address }],
    ["the same unit twice", { items: [{ deviceId: 3 }, { deviceId: 3 }], shippingAddress: address }],
    ["no address", { items: [{ deviceId: 3 }] }],
    ["a string id", { items: [{ deviceId: "3" }], shippingAddress: address }],
  ])("rejects %s", (_label, body) => {
    expect(placeOrderSchema.safeParse(body).success).toBe(false);
  });
});
