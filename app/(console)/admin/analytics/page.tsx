import { listAlertHealth, type DeviceAlertHealth } from "@/lib/analytics/fleet";
import { listCarrierIssues, listFulfilmentTimes, FULFILMENT_STAGES } from "@/lib/analytics/fulfilment";
import { listProductStock } from "@/lib/analytics/inventory";
import { listUptime, type CustomerUptime, type DeviceUptime } from "@/lib/analytics/uptime";
import { analyticsQuerySchema, GRANULARITIES, type AnalyticsQuery } from "@/lib/analytics/range";
import { listProductSales, listSalesSummary } from "@/lib/analytics/sales";
import { requirePageUser } from "@/lib/auth/session";
import { ChartCard } from "./chart-card";
import { BarsChart, LinesChart } from "./charts";
import { pivot } from "./pivot";
import { StockTable } from "./stock-table";
import { UptimeTables } from "./uptime-tables";

export const dynamic = "force-dynamic";

const day = (d: Date) => d.toISOString().slice(0, 10);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Sales, fulfilment and inventory figures from the store's database, each chart downloadable as CSV. */
export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("analytics:read");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([k, v]) => typeof v === "string" && ["from", "to", "granularity"].includes(k)));
  const parsed = analyticsQuerySchema.safeParse(raw);
  const query: AnalyticsQuery = parsed.success ? parsed.data : analyticsQuerySchema.parse({});
  const [sales, summary, fulfilment, carriers, stock] = await Promise.all([
    listProductSales(query, query.granularity),
    listSalesSummary(query, query.granularity),
    listFulfilmentTimes(query),
    listCarrierIssues(query),
    listProductStock(query.to),
  ]);
  // Fleet figures come from MongoDB; the store's figures still show when it is unreachable.
  const [fleet, uptime]: [DeviceAlertHealth[] | null, { devices: DeviceUptime[]; customers: CustomerUptime[] } | null] = await Promise.all([
    listAlertHealth(query).catch(() => null),
    listUptime(query).catch(() => null),
  ]);
  const params = new URLSearchParams({ from: query.from.toISOString(), to: query.to.toISOString(), granularity: query.granularity, format: "csv" });
  const csv = (report: string) => `/api/analytics/${report}?${params}`;
  const total = summary.find((r) => r.period === "total");
  const periods = summary.filter((r) => r.period !== "total");
  const revenue = pivot(sales, (r) => r.period, (r) => r.product, (r) => Number(r.revenue));
  const orders = pivot(sales, (r) => r.period, (r) => r.product, (r) => r.orders);
  const times = pivot(
    fulfilment.flatMap((r) => [
      { week: r.week, series: `${r.stage} median`, hours: r.medianHours },
      { week: r.week, series: `${r.stage} p90`, hours: r.p90Hours },
    ]),
    (r) => r.week,
    (r) => r.series,
    (r) => Math.round(r.hours * 10) / 10,
  );
  const stageOrder = (label: string) => FULFILMENT_STAGES.findIndex((s) => label.startsWith(s)) * 2 + (label.endsWith("p90") ? 1 : 0);
  times.series.sort((a, b) => stageOrder(a.label) - stageOrder(b.label));

  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold text-slate-900">Analytics</h1>
      {!parsed.success ? (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          The range in the address was not valid; showing the last 90 days.
        </p>
      ) : null}
      <form className="flex flex-wrap items-end gap-3 text-sm" method="get">
        <label className="flex flex-col gap-1">
          From
          <input type="date" name="from" defaultValue={day(query.from)} className="rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col gap-1">
          To (exclusive)
          <input type="date" name="to" defaultValue={day(query.to)} className="rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col gap-1">
          Per
          <select name="granularity" defaultValue={query.granularity} className="rounded-md border border-slate-300 px-2 py-1">
            {GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white">
          Show
        </button>
      </form>

      <h2 className="text-lg font-semibold text-slate-900">Sales</h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="sales-totals">
        {[
          ["Orders", String(total?.orders ?? 0)],
          ["Revenue", total?.revenue ?? "0.00"],
          ["Average order value", total?.averageOrderValue ?? "0.00"],
          ["Cancellation rate", pct(total?.cancellationRate ?? 0)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-lg font-semibold text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard id="revenue" title={`Revenue per ${query.granularity} by product`} csvHref={csv("sales-by-product")} empty={!sales.length}>
          <BarsChart data={revenue.data} x="x" series={revenue.series} stacked />
        </ChartCard>
        <ChartCard id="orders" title={`Orders per ${query.granularity} by product`} csvHref={csv("sales-by-product")} empty={!sales.length}>
          <BarsChart data={orders.data} x="x" series={orders.series} stacked />
        </ChartCard>
        <ChartCard id="aov" title="Average order value and cancellation rate" csvHref={csv("sales-summary")} empty={!periods.length}>
          <LinesChart
            data={periods.map((p) => ({ x: p.period, aov: Number(p.averageOrderValue), cancelled: Math.round(p.cancellationRate * 1000) / 10 }))}
            x="x"
            series={[
              { key: "aov", label: "Average order value" },
              { key: "cancelled", label: "Cancelled (%)", dashed: true },
            ]}
          />
        </ChartCard>
      </div>

      <h2 className="text-lg font-semibold text-slate-900">Fulfilment</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard id="fulfilment" title="Hours from order to confirmation, shipping and delivery (median, p90) per week" csvHref={csv("fulfilment")} empty={!fulfilment.length}>
          <LinesChart data={times.data} x="x" series={times.series.map((s) => ({ ...s, dashed: s.label.endsWith("p90") }))} />
        </ChartCard>
        <ChartCard id="carriers" title="Delivery issues per carrier" csvHref={csv("carriers")} empty={!carriers.length}>
          <BarsChart
            data={carriers.map((c) => ({ x: c.carrier, deliveries: c.deliveries, failed: c.failedAttempts, returned: c.returned, damaged: c.damaged }))}
            x="x"
            series={[
              { key: "deliveries", label: "Deliveries" },
              { key: "failed", label: "Failed attempts" },
              { key: "returned", label: "Returned" },
              { key: "damaged", label: "Damaged" },
            ]}
          />
        </ChartCard>
      </div>

      <h2 className="text-lg font-semibold text-slate-900">Inventory</h2>
      <ChartCard id="stock" title="Stock and reorder point per product" csvHref={csv("inventory")} empty={!stock.length}>
        <BarsChart
          data={stock.map((s) => ({ x: s.product, stock: s.inStock, reorder: s.reorderPoint }))}
          x="x"
          series={[
            { key: "stock", label: "In stock" },
            { key: "reorder", label: "Reorder point" },
          ]}
        />
        <StockTable rows={stock} />
      </ChartCard>

      <h2 className="text-lg font-semibold text-slate-900">Fleet health</h2>
      {fleet === null ? (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Fleet figures are unavailable right now (the monitoring database did not answer).
        </p>
      ) : (
        <ChartCard id="fleet-alerts" title="Noisiest devices: alerts raised and repeats" csvHref={csv("fleet-alerts")} empty={!fleet.length}>
          <BarsChart
            data={fleet.slice(0, 15).map((d) => ({ x: `#${d.deviceId}`, alerts: d.alerts, repeats: d.repeats }))}
            x="x"
            series={[
              { key: "alerts", label: "Alerts" },
              { key: "repeats", label: "Repeats" },
            ]}
            stacked
          />
        </ChartCard>
      )}
      {uptime === null ? (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Uptime is unavailable right now (the monitoring database did not answer).
        </p>
      ) : (
        <UptimeTables devices={uptime.devices} customers={uptime.customers} deviceCsv={csv("fleet-uptime")} customerCsv={csv("customer-uptime")} />
      )}
    </div>
  );
}
