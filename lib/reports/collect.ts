import { listAlertHealth } from "@/lib/analytics/fleet";
import { listCarrierIssues, listFulfilmentTimes } from "@/lib/analytics/fulfilment";
import { listProductStock } from "@/lib/analytics/inventory";
import { listProductSales, listSalesSummary } from "@/lib/analytics/sales";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { forecastBattery, type BatteryForecast } from "@/lib/insights/battery-forecast";
import { readUptime } from "@/lib/monitoring/connectivity-history";
import { ownedDeviceIds } from "@/lib/monitoring/ownership";
import { readBuckets } from "@/lib/monitoring/stats";
import { telemetryDb } from "@/lib/telemetry/mongo";
import { assembleFleetReport } from "./fleet-report";
import type { PeriodRange } from "./period";
import { assembleStoreReport } from "./store-report";
import type { FleetReportData, StoreReportData } from "./types";

const HOUR = 3_600_000;
const BATTERY_WINDOW_MS = 7 * 24 * HOUR;

/**
 * When the battery reaches 10 %, as seen at the end of the range: the hourly battery rollups of
 * the 7 days before it (as the device page's outlook does), never raw readings.
 */
async function batteryAt(deviceId: number, to: Date): Promise<BatteryForecast> {
  const stats = await readBuckets(deviceId, "battery_level", "1h", new Date(to.getTime() - BATTERY_WINDOW_MS), to);
  const points = stats.buckets.filter((b) => b.count > 0 && b.avg !== null).map((b) => ({ at: Date.parse(b.start) + HOUR / 2, level: b.avg! }));
  return forecastBattery(points);
}

/**
 * A customer's fleet over the month: the units they own now (lib/monitoring/ownership), their
 * uptime from the connectivity history, their alerts from the alert collection and their battery
 * outlook from the rollups.
 */
export async function collectFleetReport(customerId: number, range: PeriodRange, now = new Date()): Promise<FleetReportData> {
  const customer = await db().user.findUnique({ where: { id: customerId }, select: { id: true, name: true } });
  if (!customer) throw notFound("Customer");
  const ids = await ownedDeviceIds(customerId);
  const devices = ids.length
    ? await db().device.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, serialNumber: true, model: true }, orderBy: { id: "asc" } })
    : [];
  const [uptime, alerts, forecasts] = await Promise.all([
    readUptime(ids, range),
    listAlertHealth(range, telemetryDb(), ids),
    Promise.all(ids.map(async (id) => [id, await batteryAt(id, range.to)] as const)),
  ]);
  return assembleFleetReport({ range, customer, devices, uptime, alerts, batteries: new Map(forecasts), generatedAt: now });
}

/** The store over the month: sales, fulfilment and carriers, and stock, from lib/analytics. */
export async function collectStoreReport(range: PeriodRange, now = new Date()): Promise<StoreReportData> {
  const [summary, productSales, fulfilment, carriers, stock] = await Promise.all([
    listSalesSummary(range, "month"),
    listProductSales(range, "month"),
    listFulfilmentTimes(range),
    listCarrierIssues(range),
    listProductStock(range.to),
  ]);
  return assembleStoreReport({ range, currency: config().STORE_CURRENCY, summary, productSales, fulfilment, carriers, stock, generatedAt: now });
}
