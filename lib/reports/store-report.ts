import type { CarrierIssuesRow, FulfilmentRow } from "@/lib/analytics/fulfilment";
import type { ProductStockRow } from "@/lib/analytics/inventory";
import type { ProductSalesRow, SalesSummaryRow } from "@/lib/analytics/sales";
import { Decimal } from "@/lib/money";
import { periodLabel, type PeriodRange } from "./period";
import type { StoreReportData } from "./types";

export interface StoreReportInputs {
  range: PeriodRange;
  currency: string;
  summary: SalesSummaryRow[];
  productSales: ProductSalesRow[];
  fulfilment: FulfilmentRow[];
  carriers: CarrierIssuesRow[];
  stock: ProductStockRow[];
  generatedAt: Date;
}

/** The store report's figures from the analytics modules' rows. Pure. */
export function assembleStoreReport(i: StoreReportInputs): StoreReportData {
  const total = i.summary.find((r) => r.period === "total");
  // One month, but a product's rows are summed in case the buckets ever split it.
  const products = new Map<string, { product: string; orders: number; units: number; revenue: Decimal }>();
  for (const r of i.productSales) {
    const p = products.get(r.product) ?? { product: r.product, orders: 0, units: 0, revenue: new Decimal(0) };
    p.orders += r.orders;
    p.units += r.units;
    p.revenue = p.revenue.add(r.revenue);
    products.set(r.product, p);
  }
  return {
    version: 1,
    kind: "store",
    period: i.range.period,
    label: periodLabel(i.range.period),
    from: i.range.from.toISOString(),
    to: i.range.to.toISOString(),
    complete: i.range.complete,
    generatedAt: i.generatedAt.toISOString(),
    currency: i.currency,
    sales: total
      ? { orders: total.orders, cancelled: total.cancelled, cancellationRate: total.cancellationRate, revenue: total.revenue, averageOrderValue: total.averageOrderValue }
      : { orders: 0, cancelled: 0, cancellationRate: 0, revenue: "0.00", averageOrderValue: "0.00" },
    products: [...products.values()]
      .map((p) => ({ ...p, revenue: p.revenue.toFixed(2) }))
      .sort((a, b) => new Decimal(b.revenue).cmp(a.revenue) || a.product.localeCompare(b.product)),
    fulfilment: i.fulfilment.map((r) => ({ week: r.week, stage: r.stage, orders: r.orders, medianHours: r.medianHours, p90Hours: r.p90Hours })),
    carriers: i.carriers.map((r) => ({ ...r })),
    stock: i.stock.map((r) => ({
      product: r.product,
      inStock: r.inStock,
      reserved: r.reserved,
      unitsSold: r.unitsSold,
      daysOfCover: r.daysOfCover,
      stockOutDate: r.stockOutDate,
      reorderPoint: r.reorderPoint,
      lowStock: r.lowStock,
    })),
  };
}
