import { listAlertHealth } from "@/lib/analytics/fleet";
import { readUptime } from "@/lib/analytics/uptime";
import { listCarrierIssues, listFulfilmentTimes } from "@/lib/analytics/fulfilment";
import { listProductStock } from "@/lib/analytics/inventory";
import { listProductSales, listSalesSummary } from "@/lib/analytics/sales";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { readBatteryHistory } from "@/lib/insights/battery-alerts";
import { forecastBattery, type BatteryForecast } from "@/lib/insights/battery-forecast";
import { ownedDeviceIds } from "@/lib/monitoring/ownership";
import { telemetryDb } from "@/lib/telemetry/mongo";
import { assembleFleetReport } from "./fleet-report";
import type { PeriodRange } from "./period";
import { assembleStoreReport } from "./store-report";
import type { FleetReportData, StoreReportData } from "./types";

/** When the battery reaches 10 %, as seen at the end of the range (the same history the device page and the worker read). */
async function batteryAt(deviceId: number, to: Date): Promise<BatteryForecast> {
  return forecastBattery(await readBatteryHistory(deviceId, to));
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
    ? await db().device.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, serialNumber: true, model: true, deployedAt: true }, orderBy: { id: "asc" } })
    : [];
  const [uptime, alerts, forecasts] = await Promise.all([
    readUptime(devices, range, now),
    listAlertHealth(range, telemetryDb(), ids),
    Promise.all(ids.map(async (id) => [id, await batteryAt(id, range.to)] as const)),
  ]);
  const lines = devices.map(({ deployedAt: _deployedAt, ...d }) => d);
  return assembleFleetReport({ range, customer, devices: lines, uptime, alerts, batteries: new Map(forecasts), generatedAt: now });
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
