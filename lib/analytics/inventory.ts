import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { productLabel } from "./range";

const DAY_MS = 86_400_000;

export interface StockPolicy {
  velocityDays: number;
  leadTimeDays: number;
  safetyDays: number;
}

export const stockPolicy = (): StockPolicy => ({
  velocityDays: config().ANALYTICS_VELOCITY_DAYS,
  leadTimeDays: config().ANALYTICS_LEAD_TIME_DAYS,
  safetyDays: config().ANALYTICS_SAFETY_DAYS,
});

export interface ProductStockRow {
  product: string;
  type: string;
  model: string;
  inStock: number;
  reserved: number;
  /** Units in orders placed over the velocity window and not cancelled. */
  unitsSold: number;
  /** Units per day over the velocity window. */
  velocityPerDay: number;
  /** How long the stock lasts at that pace; null when nothing sells. */
  daysOfCover: number | null;
  /** The day stock runs out at that pace (UTC date); null when nothing sells. */
  stockOutDate: string | null;
  /** Reorder when stock is at or below this: demand over lead time plus safety days. */
  reorderPoint: number;
  lowStock: boolean;
}

/** The stock arithmetic, kept pure so that it is the same for the page, the CSV and the tests. */
export function planStock(inStock: number, unitsSold: number, asOf: Date, policy: StockPolicy) {
  const velocityPerDay = unitsSold / policy.velocityDays;
  const daysOfCover = velocityPerDay > 0 ? inStock / velocityPerDay : null;
  const reorderPoint = Math.max(0, Math.ceil(velocityPerDay * (policy.leadTimeDays + policy.safetyDays) - 1e-9));
  return {
    velocityPerDay,
    daysOfCover,
    stockOutDate: daysOfCover === null ? null : new Date(asOf.getTime() + daysOfCover * DAY_MS).toISOString().slice(0, 10),
    reorderPoint,
    lowStock: inStock <= reorderPoint,
  };
}

/** Stock and its outlook per product, for every product the store has ever listed. */
export async function listProductStock(asOf = new Date(), policy = stockPolicy()): Promise<ProductStockRow[]> {
  const since = new Date(asOf.getTime() - policy.velocityDays * DAY_MS);
  const rows = await db().$queryRaw<{ type: string; model: string; in_stock: number; reserved: number; units_sold: number }[]>`
    WITH stock AS (
      SELECT type, model,
             count(*) FILTER (WHERE status = 'in_stock')::int AS in_stock,
             count(*) FILTER (WHERE status = 'reserved')::int AS reserved
      FROM t_devices GROUP BY type, model
    ), sold AS (
      SELECT d.type, d.model, sum(oi.quantity)::int AS units_sold
      FROM t_orders o
      JOIN t_order_items oi ON oi.order_id = o.id
      JOIN t_devices d ON d.id = oi.device_id
      WHERE o.created_at >= ${since} AND o.created_at < ${asOf} AND o.status <> 'cancelled'
      GROUP BY d.type, d.model
    )
    SELECT s.type, s.model, s.in_stock, s.reserved, coalesce(x.units_sold, 0)::int AS units_sold
    FROM stock s LEFT JOIN sold x ON x.type = s.type AND x.model = s.model
    ORDER BY s.type, s.model`;
  return rows.map((r) => ({
    product: productLabel(r.type, r.model),
    type: r.type,
    model: r.model,
    inStock: r.in_stock,
    reserved: r.reserved,
    unitsSold: r.units_sold,
    ...planStock(r.in_stock, r.units_sold, asOf, policy),
  }));
}

/** Products at or below their reorder point, for the admin's overview. */
export async function listLowStock(asOf = new Date()): Promise<ProductStockRow[]> {
  return (await listProductStock(asOf)).filter((r) => r.lowStock);
}
