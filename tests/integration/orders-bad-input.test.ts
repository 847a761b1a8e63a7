import { beforeAll, describe, expect, it } from "vitest";
import { adminToken, api, countRows, errorCode, newCustomer, sql } from "./helpers";
import { ADDRESS, deviceStatuses, newProduct, placeOrder, shipOrder } from "./order-helpers";

let customer: Awaited<ReturnType<typeof newCustomer>>;
let admin: string;
let unit: number;
let spare: number;
let pendingOrder: number;
let delivery: number;

const TABLES = ["t_orders", "t_order_items", "t_deliveries", "t_delivery_items", "t_audit_events"];
async function snapshot() {
  const counts = await Promise.all(TABLES.map((t) => countRows(t)));
  const { rows } = await sql().query("SELECT string_agg(id || ':' || status, ',' ORDER BY id) AS s FROM t_devices WHERE id = ANY($1::int[])", [[unit, spare]]);
  const notes = await sql().query("SELECT status, delivery_notes FROM t_deliveries WHERE id = $1", [delivery]);
  return { counts, devices: rows[0].s, delivery: notes.rows[0] };
}

beforeAll(async () => {
  customer = await newCustomer();
  admin = await adminToken();
  const product = await newProduct(3);
  [unit, spare] = [product.devices[0].id, product.devices[1].id];
  pendingOrder = (await placeOrder(customer.token, [{ deviceId: unit }])).body.id;
  const shipped = (await placeOrder(customer.token, [{ deviceId: product.devices[2].id }])).body.id;
  delivery = (await shipOrder(shipped)).id;
});

const raw = (body: string) => ({ body, headers: { "content-type": "application/json" } });
const big = "x".repeat(1024 * 1024 + 10);

type Case = [string, () => { method: string; path: string; token: string; json?: unknown; body?: string }, number, string];
const order = (json: unknown) => ({ method: "POST", path: "/api/orders", token: customer.token, json });

const cases: Case[] = [
  ["order: malformed JSON", () => ({ method: "POST", path: "/api/orders", token: customer.token, ...raw("{items:") }), 400, "bad_request"],
  ["order: body over 1 MB", () => ({ method: "POST", path: "/api/orders", token: customer.token, ...raw(JSON.stringify({ x: big })) }), 413, "payload_too_large"],
  ["order: a client price", () => order({ items: [{ deviceId: spare, unitPrice: "0.01" }], shippingAddress: ADDRESS }), 422, "validation_failed"],
  ["order: a client total", () => order({ items: [{ deviceId: spare }], shippingAddress: ADDRESS, totalAmount: 1 }), 422, "validation_failed"],
  ["order: no items", () => order({ items: [], shippingAddress: ADDRESS }), 422, "validation_failed"],
  ["order: missing address", () => order({ items: [{ deviceId: spare }] }), 422, "validation_failed"],
  ["order: 10 kB address", () => order({ items: [{ deviceId: spare }], shippingAddress: "a".repeat(10_240) }), 422, "validation_failed"],
  ["order: negative quantity", () => order({ items: [{ type: "sensor", model: "X", quantity: -1 }], shippingAddress: ADDRESS }), 422, "validation_failed"],
  ["order: string id", () => order({ items: [{ deviceId: String(spare) }], shippingAddress: ADDRESS }), 422, "validation_failed"],
  ["order: unit in another order", () => order({ items: [{ deviceId: spare }, { deviceId: unit }], shippingAddress: ADDRESS }), 409, "out_of_stock"],
  ["order: unknown product", () => order({ items: [{ type: "sensor", model: "NOPE-404", quantity: 1 }], shippingAddress: ADDRESS }), 409, "out_of_stock"],
  ["status: unknown status", () => ({ method: "PUT", path: `/api/orders/${pendingOrder}/status`, token: admin, json: { status: "lost" } }), 422, "validation_failed"],
  ["status: unknown field", () => ({ method: "PUT", path: `/api/orders/${pendingOrder}/status`, token: admin, json: { status: "confirmed", by: "me" } }), 422, "validation_failed"],
  ["status: malformed JSON", () => ({ method: "PUT", path: `/api/orders/${pendingOrder}/status`, token: admin, ...raw("nope") }), 400, "bad_request"],
  ["status: no such order", () => ({ method: "PUT", path: "/api/orders/2147483647/status", token: admin, json: { status: "confirmed" } }), 404, "not_found"],
  ["status: non-numeric id", () => ({ method: "PUT", path: "/api/orders/abc/status", token: admin, json: { status: "confirmed" } }), 404, "not_found"],
  ["ship: missing tracking number", () => ({ method: "POST", path: "/api/deliveries", token: admin, json: { orderId: pendingOrder, carrier: "DHL" } }), 422, "validation_failed"],
  ["ship: script-like tracking number", () => ({ method: "POST", path: "/api/deliveries", token: admin, json: { orderId: pendingOrder, carrier: "DHL", trackingNumber: "<script>" } }), 422, "validation_failed"],
  ["ship: no such order", () => ({ method: "POST", path: "/api/deliveries", token: admin, json: { orderId: 2147483647, carrier: "DHL", trackingNumber: "T-1" } }), 422, "validation_failed"],
  ["ship: order not yet processing", () => ({ method: "POST", path: "/api/deliveries", token: admin, json: { orderId: pendingOrder, carrier: "DHL", trackingNumber: "T-1" } }), 409, "invalid_transition"],
  ["ship: malformed JSON", () => ({ method: "POST", path: "/api/deliveries", token: admin, ...raw("[") }), 400, "bad_request"],
  ["delivery status: unknown status", () => ({ method: "PUT", path: `/api/deliveries/${delivery}/status`, token: admin, json: { status: "teleported" } }), 422, "validation_failed"],
  ["delivery status: illegal move", () => ({ method: "PUT", path: `/api/deliveries/${delivery}/status`, token: admin, json: { status: "pending" } }), 409, "invalid_transition"],
  ["confirm: unknown field", () => ({ method: "PUT", path: `/api/deliveries/${delivery}/confirm`, token: customer.token, json: { rating: 5 } }), 422, "validation_failed"],
  ["confirm: malformed JSON", () => ({ method: "PUT", path: `/api/deliveries/${delivery}/confirm`, token: customer.token, ...raw("{") }), 400, "bad_request"],
  ["issue: damage without unit status", () => ({ method: "POST", path: `/api/deliveries/${delivery}/issues`, token: admin, json: { kind: "damaged", note: "dent" } }), 422, "validation_failed"],
  ["issue: unknown kind", () => ({ method: "POST", path: `/api/deliveries/${delivery}/issues`, token: admin, json: { kind: "stolen", note: "gone" } }), 422, "validation_failed"],
  ["issue: unit not in the parcel", () => ({ method: "POST", path: `/api/deliveries/${delivery}/issues`, token: admin, json: { kind: "damaged", note: "dent", unitStatus: "maintenance", deviceIds: [spare] } }), 422, "validation_failed"],
];

describe("bad input on every order and delivery write: the 4xx envelope, nothing written", () => {
  it.each(cases)("%s", async (_label, make, status, code) => {
    const before = await snapshot();
    const { method, path, token, ...rest } = make();
    const res = await api(path, { method, token, ...rest });
    expect(res.status).toBe(status);
    expect(errorCode(res)).toBe(code);
    expect(await snapshot()).toEqual(before);
  });

  it("validation errors name the field", async () => {
    const res = await api("/api/orders", { method: "POST", token: customer.token, json: { items: [{ deviceId: spare }], shippingAddress: "x" } });
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain("shippingAddress");
  });

  it("SQL- and script-looking addresses are stored verbatim", async () => {
    const address = `'); DROP TABLE t_orders; -- <script>alert(1)</script>`;
    const res = await placeOrder(customer.token, [{ deviceId: spare }], address);
    expect(res.status).toBe(201);
    const { rows } = await sql().query("SELECT shipping_address FROM t_orders WHERE id = $1", [res.body.id]);
    expect(rows[0].shipping_address).toBe(address);
    expect(await deviceStatuses([spare])).toEqual(["reserved"]);
  });
});
