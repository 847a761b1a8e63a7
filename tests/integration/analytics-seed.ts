import { prng } from "@/simulator/device-model";
import { newCustomer, sql, unique } from "./helpers";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A store history of its own, written straight into PostgreSQL so that it can span weeks in the
 * past: two products, ~60 orders over 8 weeks in a range no other test writes into, with their
 * audit trails (confirmed, shipped, delivered at varied delays), cancellations, deliveries with
 * two carriers and their issues, and units still in stock.
 */
export async function seedStoreHistory(seed: number) {
  const random = prng(seed);
  const run = unique("AN");
  // A random Monday between 2020 and 2024, so repeated runs land in ranges of their own.
  const start = new Date(Date.UTC(2020, 0, 6) + Math.floor(random() * 250) * 7 * DAY);
  const end = new Date(start.getTime() + 8 * 7 * DAY);
  const customer = await newCustomer("Analytics Customer");
  const products = [
    { type: "antest", model: `${run}-A`, price: "10.10" },
    { type: "antest", model: `${run}-B`, price: "33.33" },
  ];
  const carriers = [`${run} Express`, `${run} Post`];
  const insertDevice = async (p: (typeof products)[number], status: string) => {
    const { rows } = await sql().query(
      `INSERT INTO t_devices (serial_number, name, type, model, price, status, updated_at) VALUES ($1, 'Analytics unit', $2, $3, $4, $5, now()) RETURNING id`,
      [unique("SN"), p.type, p.model, p.price, status],
    );
    return rows[0].id as number;
  };
  const audit = (entityType: string, entityId: number, action: string, from: string | null, to: string | null, at: Date, data: unknown = null) =>
    sql().query(
      `INSERT INTO t_audit_events (entity_type, entity_id, action, from_status, to_status, actor_label, data, created_at) VALUES ($1, $2, $3, $4, $5, 'system:test', $6, $7)`,
      [entityType, entityId, action, from, to, data === null ? null : JSON.stringify(data), at],
    );

  for (let i = 0; i < 60; i++) {
    const placed = new Date(start.getTime() + Math.floor(random() * (end.getTime() - start.getTime() - DAY)));
    const fate = random();
    const status = fate < 0.15 ? "cancelled" : fate < 0.3 ? "confirmed" : fate < 0.45 ? "shipped" : "delivered";
    const lines: { deviceId: number; price: string }[] = [];
    const count = 1 + Math.floor(random() * 3);
    for (let n = 0; n < count; n++) {
      // Cancelled orders hold product B only, so that product A's shelf is exactly the 3 units added below.
      const p = products[status !== "cancelled" && random() < 0.6 ? 0 : 1];
      lines.push({ deviceId: await insertDevice(p, status === "cancelled" ? "in_stock" : status === "confirmed" ? "reserved" : "sold"), price: p.price });
    }
    const total = lines.reduce((sum, l) => sum + Math.round(Number(l.price) * 100), 0) / 100;
    const { rows } = await sql().query(
      `INSERT INTO t_orders (customer_id, order_number, status, total_amount, shipping_address, created_at, updated_at) VALUES ($1, $2, $3, $4, 'Test', $5, now()) RETURNING id`,
      [customer.id, `${run}-${i}`, status, total.toFixed(2), placed],
    );
    const orderId = rows[0].id as number;
    for (const l of lines) {
      await sql().query(`INSERT INTO t_order_items (order_id, device_id, quantity, unit_price, subtotal) VALUES ($1, $2, 1, $3, $3)`, [orderId, l.deviceId, l.price]);
    }
    await audit("order", orderId, "placed", null, "pending", placed);
    let at = placed.getTime() + Math.floor(random() * 30 * HOUR);
    if (status === "cancelled") {
      await audit("order", orderId, "status_changed", "pending", "cancelled", new Date(at));
      continue;
    }
    await audit("order", orderId, "status_changed", "pending", "confirmed", new Date(at));
    if (status === "confirmed") continue;
    at += Math.floor(random() * 48 * HOUR);
    await audit("order", orderId, "status_changed", "confirmed", "processing", new Date(at));
    at += Math.floor(random() * 12 * HOUR);
    await audit("order", orderId, "status_changed", "processing", "shipped", new Date(at));
    const carrier = carriers[random() < 0.5 ? 0 : 1];
    const { rows: d } = await sql().query(
      `INSERT INTO t_deliveries (order_id, carrier, tracking_number, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
      [orderId, carrier, unique("TRK"), status === "delivered" ? "delivered" : "in_transit", new Date(at)],
    );
    const deliveryId = d[0].id as number;
    await audit("delivery", deliveryId, "created", null, "in_transit", new Date(at));
    const trouble = random();
    if (trouble < 0.25) await audit("delivery", deliveryId, "status_changed", "in_transit", "failed", new Date(at + HOUR));
    if (trouble < 0.1) await audit("delivery", deliveryId, "issue_reported", "failed", "failed", new Date(at + 2 * HOUR), { label: "damaged" });
    if (trouble > 0.95) await audit("delivery", deliveryId, "status_changed", "in_transit", "returned", new Date(at + 2 * HOUR));
    if (status === "shipped") continue;
    at += Math.floor(random() * 96 * HOUR);
    await audit("order", orderId, "status_changed", "shipped", "delivered", new Date(at));
  }
  for (const p of products) for (let n = 0; n < (p === products[0] ? 3 : 40); n++) await insertDevice(p, "in_stock");
  return { run, start, end, products, carriers };
}
