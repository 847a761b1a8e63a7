import type { DeviceAlertHealth } from "@/lib/analytics/fleet";
import type { BatteryForecast } from "@/lib/insights/battery-forecast";
import type { UptimeTotals } from "@/lib/analytics/uptime";
import { periodLabel, type PeriodRange } from "./period";
import type { FleetDeviceLine, FleetReportData } from "./types";

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** A battery that reaches 10 % within this many days of the report's end counts as "low soon". */
export const BATTERY_SOON_DAYS = 30;

const round1 = (x: number) => Math.round(x * 10) / 10;
const day = (d: Date) => d.toISOString().slice(0, 10);

export interface FleetReportInputs {
  range: PeriodRange;
  customer: { id: number; name: string };
  devices: { id: number; name: string; serialNumber: string; model: string }[];
  uptime: Map<number, UptimeTotals>;
  alerts: DeviceAlertHealth[];
  batteries: Map<number, BatteryForecast>;
  generatedAt: Date;
}

function batteryLine(f: BatteryForecast | undefined): FleetDeviceLine["battery"] {
  if (!f) return { status: "insufficient_data", level: null, reachesOn: null, earliest: null, latest: null, message: "No battery readings" };
  if (f.status === "insufficient_data") return { status: f.status, level: null, reachesOn: null, earliest: null, latest: null, message: f.message };
  if (f.status === "not_discharging") return { status: f.status, level: round1(f.level), reachesOn: null, earliest: null, latest: null, message: f.message };
  return { status: f.status, level: round1(f.level), reachesOn: day(f.reachesAt), earliest: day(f.earliest), latest: f.latest ? day(f.latest) : null, message: f.message };
}

/** The fleet report's figures from what the data modules measured. Pure. */
export function assembleFleetReport(i: FleetReportInputs): FleetReportData {
  const alertsOf = new Map(i.alerts.map((a) => [a.deviceId, a]));
  const devices: FleetDeviceLine[] = [...i.devices]
    .sort((a, b) => a.id - b.id)
    .map((d) => {
      const u = i.uptime.get(d.id);
      const a = alertsOf.get(d.id);
      return {
        ...d,
        uptimePct: u?.uptime == null ? null : round1(u.uptime * 100),
        onlineHours: round1((u?.onlineMs ?? 0) / HOUR),
        offlineHours: round1((u?.offlineMs ?? 0) / HOUR),
        outages: u?.outages ?? 0,
        alerts: a?.alerts ?? 0,
        critical: a?.critical ?? 0,
        open: a?.open ?? 0,
        battery: batteryLine(i.batteries.get(d.id)),
      };
    });
  let online = 0;
  let offline = 0;
  for (const d of i.devices) {
    online += i.uptime.get(d.id)?.onlineMs ?? 0;
    offline += i.uptime.get(d.id)?.offlineMs ?? 0;
  }
  const soonBefore = i.range.to.getTime() + BATTERY_SOON_DAYS * DAY;
  const sum = (f: (d: FleetDeviceLine) => number) => devices.reduce((s, d) => s + f(d), 0);
  return {
    version: 1,
    kind: "fleet",
    period: i.range.period,
    label: periodLabel(i.range.period),
    from: i.range.from.toISOString(),
    to: i.range.to.toISOString(),
    complete: i.range.complete,
    generatedAt: i.generatedAt.toISOString(),
    customer: i.customer,
    summary: {
      devices: devices.length,
      uptimePct: online + offline > 0 ? round1((online / (online + offline)) * 100) : null,
      outages: sum((d) => d.outages),
      alerts: sum((d) => d.alerts),
      critical: sum((d) => d.critical),
      open: sum((d) => d.open),
      batteriesLowSoon: devices.filter((d) => d.battery.reachesOn !== null && Date.parse(d.battery.reachesOn) < soonBefore).length,
    },
    devices,
  };
}
