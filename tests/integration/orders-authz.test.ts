import { beforeAll, describe, expect, it } from "vitest";
import { adminToken, api, errorCode, newCustomer } from "./helpers";
import { deviceStatuses, newProduct, orderStatus, placeOrder, shipOrder } from "./order-helpers";

type Customer = Awaited<ReturnType<typeof newCustomer>>;
let alice: Customer;
let bob: Customer;
let shippedOrder: number;
let pendingOrder: number;
let delivery: number;
let pendingUnit: number;

beforeAll(async () => {
  alice = await newCustomer("Alice");
  bob = await newCustomer("Bob");
  const { devices } = await newProduct(2);
  shippedOrder = (await placeOrder(alice.token, [{ deviceId: devices[0].id }])).body.id;
  delivery = (await shipOrder(shippedOrder)).id;
  pendingUnit = devices[1].id;
  pendingOrder = (await placeOrder(alice.token, [{ deviceId: pendingUnit }])).body.id;
});

describe("customer B and customer A's orders and deliveries: they do not exist for B (404)", () => {
  it("B cannot read A's order or delivery", async () => {
    for (const path of [`/api/orders/${shippedOrder}`, `/api/orders/${pendingOrder}`, `/api/deliveries/${delivery}`]) {
      const res = await api(path, { token: bob.token });
      expect([path, res.status, errorCode(res)]).toEqual([path, 404, "not_found"]);
    }
  });

  it("B cannot cancel A's pending order, and the unit stays reserved for A", async () => {
    const res = await api(`/api/orders/${pendingOrder}/status`, { method: "PUT", token: bob.token, json: { status: "cancelled" } });
    expect([res.status, errorCode(res)]).toEqual([404, "not_found"]);
    expect(await orderStatus(pendingOrder)).toBe("pending");
    expect(await deviceStatuses([pendingUnit])).toEqual(["reserved"]);
  });

  it("B cannot confirm receipt of A's delivery", async () => {
    const res = await api(`/api/deliveries/${delivery}/confirm`, { method: "PUT", token: bob.token });
    expect([res.status, errorCode(res)]).toEqual([404, "not_found"]);
    expect(await orderStatus(shippedOrder)).toBe("shipped");
  });

  it("B's lists hold none of A's orders or deliveries; A's hold them", async () => {
    const bobOrders = await api("/api/orders", { token: bob.token });
    expect(bobOrders.body).toMatchObject({ items: [], total: 0 });
    const bobOrdersFiltered = await api(`/api/orders?customerId=${alice.id}`, { token: bob.token });
    expect(bobOrdersFiltered.body.total).toBe(0);
    const bobDeliveries = await api("/api/deliveries", { token: bob.token });
    expect(bobDeliveries.body.total).toBe(0);
    const aliceOrders = await api("/api/orders", { token: alice.token });
    expect(aliceOrders.body.items.map((o: { id: number }) => o.id).sort()).toEqual([shippedOrder, pendingOrder].sort());
    const aliceDeliveries = await api("/api/deliveries", { token: alice.token });
    expect(aliceDeliveries.body.items.map((d: { id: number }) => d.id)).toEqual([delivery]);
  });
});

describe("customers cannot run fulfilment (403), even on their own orders", () => {
  it.each([
    ["confirm their order", "PUT", () => `/api/orders/${pendingOrder}/status`, () => ({ status: "confirmed" })],
    ["ship an order", "POST", () => "/api/deliveries", () => ({ orderId: pendingOrder, carrier: "X", trackingNumber: "SELF-1" })],
    ["change a delivery's status", "PUT", () => `/api/deliveries/${delivery}/status`, () => ({ status: "delivered" })],
    ["report a delivery issue", "POST", () => `/api/deliveries/${delivery}/issues`, () => ({ kind: "note", note: "hi" })],
  ])("a customer may not %s", async (_label, method, path, body) => {
    const res = await api(path(), { method, token: alice.token, json: body() });
    expect([res.status, errorCode(res)]).toEqual([403, "forbidden"]);
    expect(res.body.error.message).toMatch(/^Only admins may \w+/);
    expect(await orderStatus(pendingOrder)).toBe("pending");
    expect(await orderStatus(shippedOrder)).toBe("shipped");
  });

  it("the admin sees everybody's orders and may filter by customer", async () => {
    const res = await api(`/api/orders?customerId=${alice.id}`, { token: await adminToken() });
    expect(res.body.total).toBe(2);
  });
});

describe("anonymous callers get 401 everywhere", () => {
  it.each([
    ["GET", "/api/orders"],
    ["POST", "/api/orders"],
    ["GET", "/api/orders/1"],
    ["PUT", "/api/orders/1/status"],
    ["GET", "/api/deliveries"],
    ["POST", "/api/deliveries"],
    ["GET", "/api/deliveries/1"],
    ["PUT", "/api/deliveries/1/status"],
    ["PUT", "/api/deliveries/1/confirm"],
    ["POST", "/api/deliveries/1/issues"],
    ["GET", "/api/catalog"],
  ])("%s %s", async (method, path) => {
    const res = await api(path, { method, json: method === "GET" ? undefined : {} });
    expect([res.status, errorCode(res)]).toEqual([401, "unauthorized"]);
  });
});
