/**
 * Battery discharge curves with known ground truth, to measure the battery forecast:
 *  - "simulator": the simulator's own devices (a steady drain with noise), read every 5 minutes;
 *  - "variable load": a harder curve with a daily load cycle, day-to-day load changes of ±30 %,
 *    a non-linear gauge (reported % is not proportional to charge) and noisy, rounded readings.
 * For each curve the forecast is made at the first reading at or below 50 %, from the readings
 * before it, and compared with the time the curve really reaches 10 %.
 */
import { forecastBattery, type BatteryForecastOptions, type BatteryPoint } from "@/lib/insights/battery-forecast";
import { SimDevice, prng } from "./device-model";

const HOUR = 3_600_000;

function simulatorCurve(id: number): BatteryPoint[] {
  const device = new SimDevice(id);
  const t0 = Date.UTC(2026, 0, 1);
  const points: BatteryPoint[] = [];
  for (let i = 0; ; i++) {
    const at = t0 + i * 5 * 60_000;
    const level = device.next(at)!.metrics.battery_level!;
    points.push({ at, level });
    if (level < 9) return points;
  }
}

function variableLoadCurve(seed: number): BatteryPoint[] {
  const random = prng(seed);
  const t0 = Date.UTC(2026, 0, 1);
  const baseDrainPerHour = 0.15 + random() * 0.25; // 15–37 days from full to empty
  let charge = 0.7 + random() * 0.3;
  let dayFactor = 1;
  const points: BatteryPoint[] = [];
  for (let h = 0; ; h++) {
    if (h % 24 === 0) dayFactor = 0.7 + random() * 0.6;
    const hourOfDay = h % 24;
    charge -= (baseDrainPerHour / 100) * dayFactor * (1 + 0.5 * Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI));
    const gauge = charge + 0.04 * Math.sin(2 * Math.PI * charge);
    const level = Math.round((gauge * 100 + (random() - 0.5) * 0.6) * 10) / 10;
    points.push({ at: t0 + h * HOUR, level });
    if (level < 9 || charge <= 0) return points;
  }
}

export function measureBatteryForecast(kind: "simulator" | "variable load", curves = 40, seed = 1, options: Partial<BatteryForecastOptions> = {}) {
  const errorsPct: number[] = [];
  let inBand = 0;
  for (let c = 0; c < curves; c++) {
    const points = kind === "simulator" ? simulatorCurve(seed * 1000 + c + 1) : variableLoadCurve(seed * 1000 + c + 1);
    const at50 = points.findIndex((p) => p.level <= 50);
    const at10 = points.find((p) => p.level <= 10);
    if (at50 < 0 || !at10) continue;
    const now = points[at50].at;
    const forecast = forecastBattery(points.slice(0, at50 + 1), options);
    if (forecast.status !== "discharging") {
      errorsPct.push(100);
      continue;
    }
    const remaining = at10.at - now;
    errorsPct.push((Math.abs(forecast.reachesAt.getTime() - at10.at) / remaining) * 100);
    if (forecast.earliest.getTime() <= at10.at && (forecast.latest === null || at10.at <= forecast.latest.getTime())) inBand++;
  }
  return {
    curves: errorsPct.length,
    maePct: errorsPct.reduce((a, b) => a + b, 0) / errorsPct.length,
    maxErrorPct: Math.max(...errorsPct),
    bandCoverage: inBand / errorsPct.length,
  };
}
