import { adminToken, api, newDevice, sql, unique } from "./helpers";

export const ADDRESS = "12 Harbour Road, 4000 Port Town";

/** A product (type + model) of its own with `count` in-stock units, so tests never share stock. */
export async function newProduct(count: number, overrides: Record<string, unknown> = {}) {
  const model = unique("M");
  const devices = [];
  for (let i = 0; i < count; i++) devices.push(await newDevice({ type: "sensor", model, ...overrides }));
  return { type: "sensor", model, devices };
}

export async function placeOrder(token: string, items: unknown[], shippingAddress = ADDRESS) {
  return api("/api/orders", { method: "POST", token, json: { items, shippingAddress } });
}

export async function setOrderStatus(token: string, orderId: number, status: string, note?: string) {
  return api(`/api/orders/${orderId}/status`, { method: "PUT", token, json: note ? { status, note } : { status } });
}

/** Admin walks an order to processing and ships it; returns the created delivery. */
export async function shipOrder(orderId: number, extra: Record<string, unknown> = {}) {
  const admin = await adminToken();
  for (const status of ["confirmed", "processing"]) {
    const res = await setOrderStatus(admin, orderId, status);
    if (res.status !== 200) throw new Error(`${status}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const res = await api("/api/deliveries", {
    method: "POST",
    token: admin,
    json: { orderId, carrier: "DHL", trackingNumber: unique("TRK"), ...extra },
  });
  if (res.status !== 201) throw new Error(`ship: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; trackingNumber: string; status: string; devices: Array<{ id: number; name: string }> };
}

export async function deviceStatuses(ids: number[]): Promise<string[]> {
  const { rows } = await sql().query("SELECT id, status FROM t_devices WHERE id = ANY($1::int[]) ORDER BY id", [ids]);
  const byId = new Map(rows.map((r) => [r.id, r.status]));
  return ids.map((id) => byId.get(id));
}

export async function orderStatus(id: number): Promise<string> {
  const { rows } = await sql().query("SELECT status FROM t_orders WHERE id = $1", [id]);
  return rows[0]?.status;
}

/** Units sitting in more than one open order: must always be none. */
export async function unitsInTwoActiveOrders(): Promise<number[]> {
  const { rows } = await sql().query(`
    SELECT oi.device_id FROM t_order_items oi JOIN t_orders o ON o.id = oi.order_id
    WHERE o.status IN ('pending', 'confirmed', 'processing', 'shipped')
    GROUP BY oi.device_id HAVING count(*) > 1`);
  return rows.map((r) => r.device_id);
}
