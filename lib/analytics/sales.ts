import { db } from "@/lib/db";
import { Decimal } from "@/lib/money";
import { productLabel, type AnalyticsRange, type Granularity } from "./range";

export interface ProductSalesRow {
  period: string;
  product: string;
  type: string;
  model: string;
  orders: number;
  units: number;
  revenue: string;
}

/**
 * Orders and revenue per period and product. Cancelled orders are left out (they earned
 * nothing); an order with units of two products counts once for each. Periods are UTC
 * calendar buckets (ISO weeks start on Monday), labelled by their first day.
 */
export async function listProductSales(range: AnalyticsRange, granularity: Granularity): Promise<ProductSalesRow[]> {
  const rows = await db().$queryRaw<{ period: string; type: string; model: string; orders: number; units: number; revenue: string }[]>`
    SELECT to_char(date_trunc(${granularity}::text, o.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period,
           d.type, d.model,
           count(DISTINCT o.id)::int AS orders, sum(oi.quantity)::int AS units, sum(oi.subtotal)::text AS revenue
    FROM t_orders o
    JOIN t_order_items oi ON oi.order_id = o.id
    JOIN t_devices d ON d.id = oi.device_id
    WHERE o.created_at >= ${range.from} AND o.created_at < ${range.to} AND o.status <> 'cancelled'
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`;
  return rows.map((r) => ({ ...r, product: productLabel(r.type, r.model), revenue: new Decimal(r.revenue).toFixed(2) }));
}

export interface SalesSummaryRow {
  period: string;
  orders: number;
  cancelled: number;
  /** cancelled / orders placed in the period (0 when none). */
  cancellationRate: number;
  revenue: string;
  /** Revenue over the orders that were not cancelled, rounded half-up to cents. */
  averageOrderValue: string;
}

const summarize = (period: string, orders: number, cancelled: number, revenueText: string): SalesSummaryRow => {
  const revenue = new Decimal(revenueText);
  const kept = orders - cancelled;
  return {
    period,
    orders,
    cancelled,
    cancellationRate: orders ? cancelled / orders : 0,
    revenue: revenue.toFixed(2),
    averageOrderValue: kept ? revenue.div(kept).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) : "0.00",
  };
};

/** Per period, and in total (period "total"): orders, cancellations, revenue, average order value. */
export async function listSalesSummary(range: AnalyticsRange, granularity: Granularity): Promise<SalesSummaryRow[]> {
  const rows = await db().$queryRaw<{ period: string | null; orders: number; cancelled: number; revenue: string }[]>`
    SELECT to_char(date_trunc(${granularity}::text, created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period,
           count(*)::int AS orders,
           count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
           coalesce(sum(total_amount) FILTER (WHERE status <> 'cancelled'), 0)::text AS revenue
    FROM t_orders
    WHERE created_at >= ${range.from} AND created_at < ${range.to}
    GROUP BY ROLLUP (1)
    ORDER BY 1 NULLS LAST`;
  return rows.map((r) => summarize(r.period ?? "total", r.orders, r.cancelled, r.revenue));
}
