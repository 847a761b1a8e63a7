import { describe, expect, it } from "vitest";
import { adminToken, api, countRows, errorCode, newCustomer, newDevice, sql } from "./helpers";
import { deviceStatuses, newProduct, orderStatus, placeOrder, setOrderStatus, shipOrder } from "./order-helpers";

describe("order lifecycle over the API, and the unit states each step leaves behind", () => {
  it("place → confirm → process → ship → customer confirms receipt → delivered", async () => {
    const customer = await newCustomer();
    const admin = await adminToken();
    const { type, model, devices } = await newProduct(2);
    const ids = devices.map((d) => d.id);

    const placed = await placeOrder(customer.token, [{ type, model, quantity: 2 }]);
    expect(placed.status).toBe(201);
    expect(placed.body.orderNumber).toMatch(/^ORD-\d{4}-\d{6,}$/);
    expect(placed.body.status).toBe("pending");
    const orderId = placed.body.id;
    expect(await deviceStatuses(ids)).toEqual(["reserved", "reserved"]);
    // Reserving is audited on each unit.
    expect(await countRows("t_audit_events", "entity_type = 'device' AND entity_id = ANY($1::int[]) AND to_status = 'reserved'", [ids])).toBe(2);

    expect((await setOrderStatus(admin, orderId, "confirmed")).body.status).toBe("confirmed");
    expect(await deviceStatuses(ids)).toEqual(["reserved", "reserved"]);
    expect((await setOrderStatus(admin, orderId, "processing")).body.status).toBe("processing");

    const shipped = await api("/api/deliveries", { method: "POST", token: admin, json: { orderId, carrier: "UPS", trackingNumber: "1Z-999-AA1" } });
    expect(shipped.status).toBe(201);
    expect(shipped.body.status).toBe("in_transit");
    expect(shipped.body.shippedAt).toBeTruthy();
    expect(await orderStatus(orderId)).toBe("shipped");
    expect(await deviceStatuses(ids)).toEqual(["sold", "sold"]);

    const seen = await api(`/api/orders/${orderId}`, { token: customer.token });
    expect(seen.body.trackingNumbers).toEqual(["1Z-999-AA1"]);
    expect(seen.body.deliveries[0].carrier).toBe("UPS");

    const confirmed = await api(`/api/deliveries/${shipped.body.id}/confirm`, { method: "PUT", token: customer.token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe("delivered");
    expect(confirmed.body.deliveredAt).toBeTruthy();

    const done = await api(`/api/orders/${orderId}`, { token: customer.token });
    expect(done.body.status).toBe("delivered");
    const steps = done.body.timeline.filter((e: { action: string }) => e.action !== "delivery_update").map((e: { toStatus: string }) => e.toStatus);
    expect(steps).toEqual(["pending", "confirmed", "processing", "shipped", "delivered"]);
    // Customers see staff as "Store staff", never their email (issue 8); staff see who it was.
    expect(done.body.timeline[1].actor).toBe("Store staff");
    const staffView = await api(`/api/orders/${orderId}`, { token: await adminToken() });
    expect(staffView.body.timeline[1].actor).toBe("admin@example.com");
    expect(await deviceStatuses(ids)).toEqual(["sold", "sold"]);

    // Confirming twice is refused, and delivered orders are beyond manual changes.
    const again = await api(`/api/deliveries/${shipped.body.id}/confirm`, { method: "PUT", token: customer.token });
    expect([again.status, errorCode(again)]).toEqual([409, "invalid_transition"]);
    const late = await setOrderStatus(admin, orderId, "cancelled");
    expect([late.status, errorCode(late)]).toEqual([409, "invalid_transition"]);
  });

  it("a customer cancels their pending order: its units are back in stock; later they may not cancel", async () => {
    const customer = await newCustomer();
    const { devices } = await newProduct(2);
    const first = await placeOrder(customer.token, [{ deviceId: devices[0].id }]);
    const cancelled = await setOrderStatus(customer.token, first.body.id, "cancelled", "changed my mind");
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    expect(cancelled.body.timeline.at(-1)).toMatchObject({ fromStatus: "pending", toStatus: "cancelled", reason: "changed my mind" });
    expect(await deviceStatuses([devices[0].id])).toEqual(["in_stock"]);

    const second = await placeOrder(customer.token, [{ deviceId: devices[1].id }]);
    await setOrderStatus(await adminToken(), second.body.id, "confirmed");
    const refused = await setOrderStatus(customer.token, second.body.id, "cancelled");
    expect([refused.status, errorCode(refused)]).toEqual([403, "forbidden"]);
    expect(await deviceStatuses([devices[1].id])).toEqual(["reserved"]);
  });

  it("an admin cancels a processing order with a reason; illegal moves answer 409 naming what is allowed", async () => {
    const customer = await newCustomer();
    const admin = await adminToken();
    const { devices } = await newProduct(1);
    const order = await placeOrder(customer.token, [{ deviceId: devices[0].id }]);
    const skip = await setOrderStatus(admin, order.body.id, "shipped");
    expect([skip.status, errorCode(skip)]).toEqual([409, "invalid_transition"]);
    expect(skip.body.error.details.allowed).toEqual(["confirmed", "cancelled"]);
    await setOrderStatus(admin, order.body.id, "confirmed");
    await setOrderStatus(admin, order.body.id, "processing");
    const res = await setOrderStatus(admin, order.body.id, "cancelled", "customer called: wrong address");
    expect(res.body.status).toBe("cancelled");
    expect(await deviceStatuses([devices[0].id])).toEqual(["in_stock"]);
    const revive = await setOrderStatus(admin, order.body.id, "pending");
    expect([revive.status, errorCode(revive)]).toEqual([409, "invalid_transition"]);
  });

  it("a partial shipment leaves the order shipped until every unit is delivered", async () => {
    const customer = await newCustomer();
    const { devices } = await newProduct(2);
    const [a, b] = devices.map((d) => d.id);
    const order = await placeOrder(customer.token, [{ deviceId: a }, { deviceId: b }]);
    const first = await shipOrder(order.body.id, { deviceIds: [a] });
    expect(await deviceStatuses([a, b])).toEqual(["sold", "reserved"]);
    await api(`/api/deliveries/${first.id}/confirm`, { method: "PUT", token: customer.token });
    expect(await orderStatus(order.body.id)).toBe("shipped");
    const admin = await adminToken();
    const second = await api("/api/deliveries", { method: "POST", token: admin, json: { orderId: order.body.id, carrier: "DPD", trackingNumber: "DPD-2" } });
    expect(second.status).toBe(201);
    expect(second.body.devices.map((d: { id: number }) => d.id)).toEqual([b]);
    const nothingLeft = await api("/api/deliveries", { method: "POST", token: admin, json: { orderId: order.body.id, carrier: "DPD", trackingNumber: "DPD-3" } });
    expect(nothingLeft.status).toBe(409);
    await api(`/api/deliveries/${second.body.id}/confirm`, { method: "PUT", token: admin });
    expect(await orderStatus(order.body.id)).toBe("delivered");
  });

  it("delivery issues: a failed attempt is retried; damage sends the unit to defective; a return restocks and cancels", async () => {
    const customer = await newCustomer();
    const admin = await adminToken();
    const { devices } = await newProduct(3);
    const [a, b, c] = devices.map((d) => d.id);

    const o1 = await placeOrder(customer.token, [{ deviceId: a }]);
    const d1 = await shipOrder(o1.body.id);
    const failed = await api(`/api/deliveries/${d1.id}/issues`, { method: "POST", token: admin, json: { kind: "failed", note: "nobody home" } });
    expect(failed.status).toBe(201);
    expect(failed.body.status).toBe("failed");
    expect(failed.body.notes).toContain("nobody home");
    const retry = await api(`/api/deliveries/${d1.id}/status`, { method: "PUT", token: admin, json: { status: "out_for_delivery", note: "second attempt" } });
    expect(retry.body.status).toBe("out_for_delivery");
    const damaged = await api(`/api/deliveries/${d1.id}/issues`, {
      method: "POST",
      token: admin,
      json: { kind: "damaged", note: "crushed box", unitStatus: "defective" },
    });
    expect(damaged.status).toBe(201);
    expect(await deviceStatuses([a])).toEqual(["defective"]);
    const back = await api(`/api/deliveries/${d1.id}/status`, { method: "PUT", token: admin, json: { status: "returned", note: "sent back" } });
    expect(back.body.status).toBe("returned");
    // The damaged unit stays defective; the order is cancelled because nothing reached the customer.
    expect(await deviceStatuses([a])).toEqual(["defective"]);
    expect(await orderStatus(o1.body.id)).toBe("cancelled");

    const o2 = await placeOrder(customer.token, [{ deviceId: b }, { deviceId: c }]);
    const d2 = await shipOrder(o2.body.id);
    await api(`/api/deliveries/${d2.id}/confirm`, { method: "PUT", token: customer.token });
    expect(await orderStatus(o2.body.id)).toBe("delivered");
    const returned = await api(`/api/deliveries/${d2.id}/issues`, { method: "POST", token: admin, json: { kind: "returned", note: "customer returned both" } });
    expect(returned.body.status).toBe("returned");
    expect(await deviceStatuses([b, c])).toEqual(["in_stock", "in_stock"]);
    expect(await orderStatus(o2.body.id)).toBe("cancelled");
    const timeline = (await api(`/api/orders/${o2.body.id}`, { token: customer.token })).body.timeline;
    // The customer sees the move; the staff's note stays with the staff.
    expect(timeline.at(-1)).toMatchObject({ fromStatus: "delivered", toStatus: "cancelled", reason: null });
    const staffTimeline = (await api(`/api/orders/${o2.body.id}`, { token: admin })).body.timeline;
    expect(staffTimeline.at(-1)).toMatchObject({ fromStatus: "delivered", toStatus: "cancelled", reason: "all deliveries returned" });
  });
});

describe("money is decimal end to end", () => {
  it("37 units at 19.99 total exactly 739.63, computed by the server", async () => {
    const customer = await newCustomer();
    const { type, model } = await newProduct(37, { price: "19.99" });
    const res = await placeOrder(customer.token, [{ type, model, quantity: 37 }]);
    expect(res.status).toBe(201);
    expect(res.body.totalAmount).toBe("739.63");
    expect(res.body.items).toHaveLength(37);
    expect(res.body.items.every((i: { unitPrice: string; subtotal: string }) => i.unitPrice === "19.99" && i.subtotal === "19.99")).toBe(true);
    const { rows } = await sql().query("SELECT total_amount::text AS t FROM t_orders WHERE id = $1", [res.body.id]);
    expect(rows[0].t).toBe("739.63");
  });

  it("ten dimes and ten twenty-cent units add up to exactly 3.00 (a float sum would not)", async () => {
    const customer = await newCustomer();
    const cheap = await newProduct(10, { price: "0.10" });
    const dear = await newProduct(10, { price: 0.2 });
    const res = await placeOrder(customer.token, [
      { type: cheap.type, model: cheap.model, quantity: 10 },
      ...dear.devices.map((d) => ({ deviceId: d.id })),
    ]);
    expect(res.body.totalAmount).toBe("3.00");
    const single = await newDevice({ price: "99999999.99" });
    const big = await placeOrder(customer.token, [{ deviceId: single.id }]);
    expect(big.body.totalAmount).toBe("99999999.99");
  });
});

describe("the catalog and picking by product", () => {
  it("groups in-stock units by product with the cheapest price first, and an order by product takes the cheapest unit", async () => {
    const customer = await newCustomer();
    const { type, model, devices } = await newProduct(1, { price: "100.00", description: "Grouped product", specifications: { range: "0..9" } });
    const cheap = await newDevice({ type, model, price: "9.99" });
    await newDevice({ type, model, price: "25.50" });
    const catalog = await api("/api/catalog", { token: customer.token });
    expect(catalog.status).toBe(200);
    const product = catalog.body.items.find((p: { model: string }) => p.model === model);
    expect(product).toMatchObject({ type, model, price: "9.99", maxPrice: "100.00", available: 3 });

    const res = await placeOrder(customer.token, [{ type, model, quantity: 1 }]);
    expect(res.body.items[0]).toMatchObject({ deviceId: cheap.id, unitPrice: "9.99" });
    expect(res.body.totalAmount).toBe("9.99");
    const after = (await api("/api/catalog", { token: customer.token })).body.items.find((p: { model: string }) => p.model === model);
    // The reserved unit left the catalog; the next cheapest is now the "from" price.
    expect(after).toMatchObject({ price: "25.50", available: 2 });
    expect(await deviceStatuses([devices[0].id])).toEqual(["in_stock"]);
  });
});
