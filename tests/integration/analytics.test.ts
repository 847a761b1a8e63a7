import { beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "@/lib/money";
import { parseCsv } from "@/lib/csv";
import { adminToken, api, errorCode, newCustomer, sql } from "./helpers";
import { seedStoreHistory } from "./analytics-seed";

/**
 * Every analytics report against a brute-force computation: plain rows read from the database
 * and counted in JavaScript, the slow obvious way.
 */
const DAY = 86_400_000;
type Seed = Awaited<ReturnType<typeof seedStoreHistory>>;
let seed: Seed;
let admin: string;

const day = (d: Date) => d.toISOString().slice(0, 10);
function bucket(d: Date, granularity: "day" | "week" | "month") {
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (granularity === "day") return day(new Date(midnight));
  if (granularity === "month") return day(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
  return day(new Date(midnight - ((d.getUTCDay() + 6) % 7) * DAY));
}
function percentile(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}
const rangeQuery = (extra = "") => `from=${seed.start.toISOString()}&to=${seed.end.toISOString()}${extra}`;

async function ordersInRange() {
  const { rows } = await sql().query(`SELECT id, status, total_amount, created_at FROM t_orders WHERE created_at >= $1 AND created_at < $2`, [seed.start, seed.end]);
  return rows as { id: number; status: string; total_amount: string; created_at: Date }[];
}

beforeAll(async () => {
  seed = await seedStoreHistory(20261127);
  admin = await adminToken();
}, 120_000);

describe("analytics reports", () => {
  it.each(["day", "week", "month"] as const)("sales by product per %s equal a brute-force count", async (granularity) => {
    const res = await api(`/api/analytics/sales-by-product?${rangeQuery(`&granularity=${granularity}`)}`, { token: admin });
    expect(res.status).toBe(200);
    const orders = new Map((await ordersInRange()).map((o) => [o.id, o]));
    const { rows: items } = await sql().query(
      `SELECT oi.order_id, oi.quantity, oi.subtotal, d.type, d.model FROM t_order_items oi JOIN t_devices d ON d.id = oi.device_id`,
    );
    const expected = new Map<string, { orders: Set<number>; units: number; revenue: Decimal }>();
    for (const item of items) {
      const order = orders.get(item.order_id);
      if (!order || order.status === "cancelled") continue;
      const key = `${bucket(order.created_at, granularity)}|${item.type} ${item.model}`;
      const e = expected.get(key) ?? { orders: new Set(), units: 0, revenue: new Decimal(0) };
      e.orders.add(order.id);
      e.units += item.quantity;
      e.revenue = e.revenue.add(item.subtotal);
      expected.set(key, e);
    }
    const got = new Map(res.body.rows.map((r: { period: string; product: string }) => [`${r.period}|${r.product}`, r]));
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, e] of expected) expect(got.get(key)).toMatchObject({ orders: e.orders.size, units: e.units, revenue: e.revenue.toFixed(2) });
    // The seeded products are there, with money to the cent.
    expect(res.body.rows.some((r: { model: string }) => r.model === seed.products[1].model)).toBe(true);
  });

  it("sales summary: orders, cancellation rate, revenue and average order value per week and in total", async () => {
    const res = await api(`/api/analytics/sales-summary?${rangeQuery("&granularity=week")}`, { token: admin });
    expect(res.status).toBe(200);
    const groups = new Map<string, { orders: number; cancelled: number; revenue: Decimal }>();
    for (const o of await ordersInRange()) {
      for (const key of [bucket(o.created_at, "week"), "total"]) {
        const g = groups.get(key) ?? { orders: 0, cancelled: 0, revenue: new Decimal(0) };
        g.orders++;
        if (o.status === "cancelled") g.cancelled++;
        else g.revenue = g.revenue.add(o.total_amount);
        groups.set(key, g);
      }
    }
    expect(res.body.rows.map((r: { period: string }) => r.period).sort()).toEqual([...groups.keys()].sort());
    for (const row of res.body.rows) {
      const g = groups.get(row.period)!;
      const kept = g.orders - g.cancelled;
      expect(row).toMatchObject({ orders: g.orders, cancelled: g.cancelled, revenue: g.revenue.toFixed(2) });
      expect(row.cancellationRate).toBeCloseTo(g.cancelled / g.orders, 12);
      expect(row.averageOrderValue).toBe(kept ? g.revenue.div(kept).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) : "0.00");
    }
    const total = res.body.rows.find((r: { period: string }) => r.period === "total");
    expect(total.orders).toBeGreaterThanOrEqual(60);
    expect(total.cancelled).toBeGreaterThan(0);
  });

  it("fulfilment times: median and p90 hours to each stage per week, from the audit trail", async () => {
    const res = await api(`/api/analytics/fulfilment?${rangeQuery()}`, { token: admin });
    expect(res.status).toBe(200);
    const orders = await ordersInRange();
    const { rows: events } = await sql().query(
      `SELECT entity_id, to_status, created_at FROM t_audit_events WHERE entity_type = 'order' AND action = 'status_changed' AND entity_id = ANY($1::int[])`,
      [orders.map((o) => o.id)],
    );
    const stageOf: Record<string, string> = { confirmed: "confirmation", shipped: "shipping", delivered: "delivery" };
    const first = new Map<string, Date>();
    for (const e of events) {
      const stage = stageOf[e.to_status];
      if (!stage) continue;
      const key = `${e.entity_id}|${stage}`;
      if (!first.has(key) || e.created_at < first.get(key)!) first.set(key, e.created_at);
    }
    const hours = new Map<string, number[]>();
    for (const o of orders) {
      for (const stage of Object.values(stageOf)) {
        const at = first.get(`${o.id}|${stage}`);
        if (!at) continue;
        const key = `${bucket(o.created_at, "week")}|${stage}`;
        hours.set(key, [...(hours.get(key) ?? []), (at.getTime() - o.created_at.getTime()) / 3_600_000]);
      }
    }
    expect(res.body.rows.length).toBe(hours.size);
    for (const row of res.body.rows) {
      const values = hours.get(`${row.week}|${row.stage}`)!;
      expect(row.orders).toBe(values.length);
      expect(row.medianHours).toBeCloseTo(percentile(values, 0.5), 6);
      expect(row.p90Hours).toBeCloseTo(percentile(values, 0.9), 6);
    }
    expect(res.body.rows.filter((r: { stage: string }) => r.stage === "delivery").length).toBeGreaterThan(3);
  });

  it("delivery issues per carrier equal a count over the deliveries' audit events", async () => {
    const res = await api(`/api/analytics/carriers?${rangeQuery()}`, { token: admin });
    expect(res.status).toBe(200);
    const { rows: deliveries } = await sql().query(`SELECT id, carrier FROM t_deliveries WHERE created_at >= $1 AND created_at < $2`, [seed.start, seed.end]);
    const { rows: events } = await sql().query(`SELECT entity_id, action, to_status, data FROM t_audit_events WHERE entity_type = 'delivery' AND entity_id = ANY($1::int[])`, [
      deliveries.map((d) => d.id),
    ]);
    const expected = new Map<string, { deliveries: number; withIssues: number; failedAttempts: number; returned: number; damaged: number }>();
    for (const d of deliveries) {
      const mine = events.filter((e) => e.entity_id === d.id);
      const failed = mine.filter((e) => e.action === "status_changed" && e.to_status === "failed").length;
      const returned = mine.filter((e) => e.action === "status_changed" && e.to_status === "returned").length;
      const damaged = mine.filter((e) => e.action === "issue_reported" && e.data?.label === "damaged").length;
      const c = expected.get(d.carrier) ?? { deliveries: 0, withIssues: 0, failedAttempts: 0, returned: 0, damaged: 0 };
      c.deliveries++;
      if (failed + returned + damaged > 0) c.withIssues++;
      c.failedAttempts += failed;
      c.returned += returned;
      c.damaged += damaged;
      expected.set(d.carrier, c);
    }
    expect(res.body.rows.map((r: { carrier: string }) => r.carrier).sort()).toEqual([...expected.keys()].sort());
    for (const row of res.body.rows) {
      const c = expected.get(row.carrier)!;
      expect(row).toMatchObject(c);
      expect(row.issueRate).toBeCloseTo(c.withIssues / c.deliveries, 12);
    }
    expect(res.body.rows.find((r: { carrier: string }) => r.carrier === seed.carriers[0]).failedAttempts).toBeGreaterThan(0);
  });

  it("inventory: stock, velocity, days of cover, stock-out date and reorder point per product", async () => {
    const res = await api(`/api/analytics/inventory?${rangeQuery()}`, { token: admin });
    expect(res.status).toBe(200);
    const { rows: devices } = await sql().query(`SELECT type, model, status FROM t_devices`);
    const since = new Date(seed.end.getTime() - 30 * DAY);
    const { rows: sold } = await sql().query(
      `SELECT d.type, d.model, oi.quantity FROM t_orders o JOIN t_order_items oi ON oi.order_id = o.id JOIN t_devices d ON d.id = oi.device_id
       WHERE o.created_at >= $1 AND o.created_at < $2 AND o.status <> 'cancelled'`,
      [since, seed.end],
    );
    const products = new Map<string, { inStock: number; reserved: number; unitsSold: number }>();
    for (const d of devices) {
      const p = products.get(`${d.type} ${d.model}`) ?? { inStock: 0, reserved: 0, unitsSold: 0 };
      if (d.status === "in_stock") p.inStock++;
      if (d.status === "reserved") p.reserved++;
      products.set(`${d.type} ${d.model}`, p);
    }
    for (const s of sold) products.get(`${s.type} ${s.model}`)!.unitsSold += s.quantity;
    expect(res.body.rows.map((r: { product: string }) => r.product).sort()).toEqual([...products.keys()].sort());
    for (const row of res.body.rows) {
      const p = products.get(row.product)!;
      const velocity = p.unitsSold / 30;
      // Demand over 7 days' lead time plus 3 days' safety stock.
      const reorderPoint = Math.max(0, Math.ceil(velocity * 10 - 1e-9));
      expect(row).toMatchObject({ ...p, reorderPoint, lowStock: p.inStock <= reorderPoint });
      expect(row.velocityPerDay).toBeCloseTo(velocity, 12);
      if (velocity === 0) expect(row.daysOfCover).toBeNull();
      else {
        expect(row.daysOfCover).toBeCloseTo(p.inStock / velocity, 9);
        expect(row.stockOutDate).toBe(day(new Date(seed.end.getTime() + (p.inStock / velocity) * DAY)));
      }
    }
    // Product A sells fast with 3 left: low; product B has 40 on the shelf: fine.
    const [a, b] = seed.products.map((p) => res.body.rows.find((r: { model: string }) => r.model === p.model));
    expect(a.lowStock).toBe(true);
    expect(b.lowStock).toBe(false);
  });

  it("every report downloads as CSV with the same rows", async () => {
    for (const report of ["sales-by-product", "sales-summary", "fulfilment", "carriers", "inventory"]) {
      const json = await api(`/api/analytics/${report}?${rangeQuery()}`, { token: admin });
      const csv = await api(`/api/analytics/${report}?${rangeQuery("&format=csv")}`, { token: admin });
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toContain("text/csv");
      expect(csv.headers.get("content-disposition")).toContain(`${report}-`);
      const records = parseCsv(csv.body as string);
      expect(records[0].fields).toEqual(json.body.columns);
      expect(records.length - 1).toBe(json.body.rows.length);
    }
  });

  it("is for admins only, and bad input is a 4xx envelope", async () => {
    const customer = await newCustomer();
    expect((await api(`/api/analytics/sales-summary`, { token: customer.token })).status).toBe(403);
    expect((await api(`/api/analytics/sales-summary`)).status).toBe(401);
    const bad = await api(`/api/analytics/sales-summary?granularity=year`, { token: admin });
    expect(bad.status).toBe(422);
    expect(errorCode(bad)).toBe("validation_failed");
    expect((await api(`/api/analytics/sales-summary?from=2025-02-01&to=2025-01-01`, { token: admin })).status).toBe(422);
    expect((await api(`/api/analytics/sales-summary?from=yesterday`, { token: admin })).status).toBe(422);
    expect((await api(`/api/analytics/sales-summary?extra=1`, { token: admin })).status).toBe(422);
    expect((await api(`/api/analytics/nope`, { token: admin })).status).toBe(404);
    expect((await api(`/api/analytics/__proto__`, { token: admin })).status).toBe(404);
  });
});
