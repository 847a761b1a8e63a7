import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, adminToken, api, countRows, newCustomer, newDevice, sql } from "../integration/helpers";
import { ADDRESS, newProduct, placeOrder, setOrderStatus } from "../integration/order-helpers";
import { browserSignIn, startServer } from "./helpers";

/** Issue 8, item 7: customers see only what is theirs to see, and cannot hoard stock. */

const STAFF_NOTE = "internal: customer sounded annoyed, check payment";
const PARCEL_NOTE = "internal: left at the loading dock, driver 4471";

describe("a customer's view of orders and deliveries is built from an allow-list", () => {
  let customer: Awaited<ReturnType<typeof newCustomer>>;
  let orderId: number;
  let deliveryId: number;

  beforeAll(async () => {
    customer = await newCustomer();
    const device = await newDevice();
    const order = await placeOrder(customer.token, [{ deviceId: device.id }]);
    orderId = order.body.id;
    const admin = await adminToken();
    expect((await setOrderStatus(admin, orderId, "confirmed", STAFF_NOTE)).status).toBe(200);
    expect((await setOrderStatus(admin, orderId, "processing")).status).toBe(200);
    const delivery = await api("/api/deliveries", { method: "POST", token: admin, json: { orderId, carrier: "DHL", trackingNumber: `TRK-${orderId}-V` } });
    expect(delivery.status).toBe(201);
    deliveryId = delivery.body.id;
    const noted = await api(`/api/deliveries/${deliveryId}/status`, { method: "PUT", token: await adminToken(), json: { status: "out_for_delivery", note: PARCEL_NOTE } });
    expect(noted.status).toBeLessThan(300);
  }, 120_000);

  const leaks = (text: string) => [ADMIN.email, STAFF_NOTE, PARCEL_NOTE, "driver 4471"].filter((s) => text.includes(s));

  it("order and delivery API answers carry no staff email, staff note or internal delivery note", async () => {
    const order = await api(`/api/orders/${orderId}`, { token: customer.token });
    expect(order.status).toBe(200);
    expect(leaks(JSON.stringify(order.body))).toEqual([]);
    expect(order.body.deliveries[0].notes).toBeNull();
    expect(order.body.timeline.some((e: { actor: string }) => e.actor === "Store staff")).toBe(true);
    for (const path of [`/api/deliveries/${deliveryId}`, "/api/deliveries", "/api/orders"]) {
      const res = await api(path, { token: customer.token });
      expect(res.status, path).toBe(200);
      expect(leaks(JSON.stringify(res.body)), path).toEqual([]);
    }
  });

  it("the customer's order page shows none of them either", async () => {
    const cookie = await browserSignIn(customer.email, customer.password);
    const page = await fetch(`${(await import("../integration/helpers")).BASE_URL}/orders/${orderId}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(leaks(await page.text())).toEqual([]);
  });

  it("staff still see the notes and who did what", async () => {
    const order = await api(`/api/orders/${orderId}`, { token: await adminToken() });
    const text = JSON.stringify(order.body);
    expect(text).toContain(STAFF_NOTE);
    expect(text).toContain(PARCEL_NOTE);
    expect(text).toContain(ADMIN.email);
  });
});

let url = "";
const order = async (token: string, items: unknown[]) => {
    const res = await fetch(`${url}/api/orders`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ items, shippingAddress: ADDRESS }),
    });
    return { status: res.status, headers: res.headers, body: await res.json() };
};

describe("stock hoarding (a server with the production limits)", () => {
  let stop = () => {};
  beforeAll(async () => {
    ({ url, stop } = await startServer({ PENDING_UNITS_PER_CUSTOMER: "20", ORDER_CREATE_MAX_PER_HOUR: "5" }));
  }, 120_000);
  afterAll(() => stop());

  it("one customer cannot hold more than 20 units in unconfirmed orders (409, nothing reserved)", async () => {
    const hoarder = await newCustomer();
    const { type, model } = await newProduct(25);
    expect((await order(hoarder.token, [{ type, model, quantity: 15 }])).status).toBe(201);
    const before = await countRows("t_devices", "model = $1 AND status = 'in_stock'", [model]);
    const refused = await order(hoarder.token, [{ type, model, quantity: 6 }]);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ limit: 20, held: 15, requested: 6 });
    expect(await countRows("t_devices", "model = $1 AND status = 'in_stock'", [model])).toBe(before);
    // Someone else can still buy.
    expect((await order((await newCustomer()).token, [{ type, model, quantity: 6 }])).status).toBe(201);
  }, 120_000);

  it("order creation is rate-limited per account, with the real Retry-After", async () => {
    const busy = await newCustomer();
    const product = await newProduct(7);
    for (let i = 0; i < 5; i++) expect((await order(busy.token, [{ deviceId: product.devices[i].id }])).status).toBe(201);
    const before = await countRows("t_orders", "customer_id = $1", [busy.id]);
    const refused = await order(busy.token, [{ deviceId: product.devices[5].id }]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect(await countRows("t_orders", "customer_id = $1", [busy.id])).toBe(before);
  }, 120_000);

});

describe("unconfirmed orders expire (a server with a 3 s pending-order lifetime)", () => {
  let stop = () => {};
  beforeAll(async () => {
    ({ url, stop } = await startServer({ PENDING_ORDER_TTL_SEC: "3" }));
  }, 120_000);
  afterAll(() => stop());

  it("an unconfirmed order expires: units back in stock, an audit event and a timeline entry", async () => {
    const slow = await newCustomer();
    const device = await newDevice();
    const placed = await order(slow.token, [{ deviceId: device.id }]);
    expect(placed.status).toBe(201);
    const deadline = Date.now() + 60_000;
    let status = "pending";
    while (status === "pending" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      const res = await fetch(`${url}/api/orders/${placed.body.id}`, { headers: { authorization: `Bearer ${slow.token}` } });
      status = (await res.json()).status;
    }
    expect(status).toBe("cancelled");
    const { rows: unit } = await sql().query("SELECT status FROM t_devices WHERE id = $1", [device.id]);
    expect(unit[0].status).toBe("in_stock");
    const { rows: events } = await sql().query(
      "SELECT action, to_status, reason, actor_label FROM t_audit_events WHERE entity_type = 'order' AND entity_id = $1 ORDER BY created_at",
      [placed.body.id],
    );
    expect(events.at(-1)).toMatchObject({ to_status: "cancelled" });
    expect(events.at(-1).reason).toMatch(/expired/);
    const view = await api(`/api/orders/${placed.body.id}`, { token: slow.token });
    expect(view.body.timeline.at(-1)).toMatchObject({ toStatus: "cancelled", actor: "System" });
  }, 120_000);
});
