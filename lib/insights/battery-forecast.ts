/**
 * When will a device's battery reach 10 %? A least-squares line through the recent discharge
 * (since the last charge, within two weeks), extrapolated to the threshold. The confidence band
 * spans the slope's 95 % interval and the slopes of the window's two halves, so a load that
 * changed lately widens it. Pure: the worker and the pages pass it readings from the rollups.
 */
export interface BatteryPoint {
  at: number;
  level: number;
}

export interface BatteryForecastOptions {
  threshold: number;
  windowMs: number;
  minPoints: number;
  minSpanMs: number;
  /** A rise larger than this (percentage points) is a charge or a new battery: the fit starts after it. */
  chargeJump: number;
  /** The band is at least ± this fraction of the discharge rate. */
  bandFloor: number;
}

export const DEFAULT_BATTERY_FORECAST: BatteryForecastOptions = {
  threshold: 10,
  windowMs: 14 * 86_400_000,
  minPoints: 12,
  minSpanMs: 6 * 3_600_000,
  chargeJump: 2,
  bandFloor: 0.05,
};

export type BatteryForecast =
  | { status: "insufficient_data"; message: string }
  | { status: "not_discharging"; level: number; message: string }
  | {
      status: "discharging";
      level: number;
      /** Percentage points per day (negative). */
      ratePerDay: number;
      reachesAt: Date;
      earliest: Date;
      /** null: at the slow end of the band the battery is not discharging at all. */
      latest: Date | null;
      basedOn: { from: Date; to: Date; points: number };
      message: string;
    };

const DAY = 86_400_000;

function fit(points: BatteryPoint[], origin: number) {
  const n = points.length;
  let st = 0;
  let sl = 0;
  for (const p of points) {
    st += (p.at - origin) / DAY;
    sl += p.level;
  }
  const mt = st / n;
  const ml = sl / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dt = (p.at - origin) / DAY - mt;
    sxx += dt * dt;
    sxy += dt * (p.level - ml);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = ml - slope * mt;
  let sse = 0;
  for (const p of points) sse += (p.level - (intercept + slope * ((p.at - origin) / DAY))) ** 2;
  const se = n > 2 && sxx > 0 ? Math.sqrt(sse / (n - 2) / sxx) : Infinity;
  return { slope, intercept, se };
}

export function forecastBattery(readings: BatteryPoint[], options: Partial<BatteryForecastOptions> = {}): BatteryForecast {
  const o = { ...DEFAULT_BATTERY_FORECAST, ...options };
  const sorted = readings.filter((p) => Number.isFinite(p.level) && Number.isFinite(p.at)).sort((a, b) => a.at - b.at);
  if (!sorted.length) return { status: "insufficient_data", message: "No battery readings yet" };
  const last = sorted[sorted.length - 1];
  let start = sorted.length - 1;
  while (start > 0 && last.at - sorted[start - 1].at <= o.windowMs && sorted[start].level - sorted[start - 1].level <= o.chargeJump) start--;
  const recent = sorted.slice(start);
  if (recent.length < o.minPoints || last.at - recent[0].at < o.minSpanMs) {
    return { status: "insufficient_data", message: `Needs ${o.minPoints} readings over ${o.minSpanMs / 3_600_000} h since the last charge` };
  }
  const whole = fit(recent, last.at);
  const level = whole.intercept;
  if (whole.slope >= 0) return { status: "not_discharging", level, message: `Battery at ${level.toFixed(1)} % and not discharging` };
  // The band: the slope's 95 % interval, the slopes of the window's quarters (a load that varies
  // from day to day), and never narrower than ±bandFloor of the rate: the future never repeats exactly.
  const quarter = Math.floor(recent.length / 4);
  const quarters = quarter >= 3 ? [0, 1, 2, 3].map((q) => fit(recent.slice(q * quarter, q === 3 ? undefined : (q + 1) * quarter), last.at).slope) : [];
  const slopes = [
    whole.slope - 1.96 * whole.se,
    whole.slope + 1.96 * whole.se,
    whole.slope * (1 + o.bandFloor),
    whole.slope * (1 - o.bandFloor),
    ...quarters,
  ].filter(Number.isFinite);
  const daysAt = (slope: number) => (level <= o.threshold ? 0 : (level - o.threshold) / -slope);
  const fastest = Math.min(whole.slope, ...slopes);
  const slowest = Math.max(whole.slope, ...slopes);
  const reachesAt = new Date(last.at + daysAt(whole.slope) * DAY);
  const earliest = new Date(last.at + daysAt(fastest) * DAY);
  const latest = slowest < 0 ? new Date(last.at + daysAt(slowest) * DAY) : null;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    status: "discharging",
    level,
    ratePerDay: whole.slope,
    reachesAt,
    earliest,
    latest,
    basedOn: { from: new Date(recent[0].at), to: new Date(last.at), points: recent.length },
    message: `At ${level.toFixed(1)} %, draining ${(-whole.slope).toFixed(2)} points a day: reaches ${o.threshold} % around ${day(reachesAt)} (between ${day(earliest)} and ${latest ? day(latest) : "never"})`,
  };
}
