import { describe, expect, it } from "vitest";
import { measureBatteryForecast } from "@/simulator/discharge";
import { forecastBattery, type BatteryPoint } from "./battery-forecast";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t0 = Date.UTC(2026, 5, 1);
const line = (from: number, perDay: number, hours: number, start = 0): BatteryPoint[] =>
  Array.from({ length: hours }, (_, h) => ({ at: t0 + (start + h) * HOUR, level: from + (perDay * h) / 24 }));

describe("forecastBattery", () => {
  it("extrapolates a steady discharge to the day it reaches 10 %, inside its band", () => {
    // 60 % draining 2 points a day, read hourly for 3 days: 54 % now, 10 % in 22 more days.
    const f = forecastBattery(line(60, -2, 72));
    expect(f.status).toBe("discharging");
    if (f.status !== "discharging") return;
    const expected = t0 + 71 * HOUR + ((60 - (2 * 71) / 24 - 10) / 2) * DAY;
    expect(Math.abs(f.reachesAt.getTime() - expected)).toBeLessThan(HOUR);
    expect(f.ratePerDay).toBeCloseTo(-2, 6);
    expect(f.earliest.getTime()).toBeLessThan(f.reachesAt.getTime());
    expect(f.latest!.getTime()).toBeGreaterThan(f.reachesAt.getTime());
    expect(f.message).toContain("reaches 10 %");
  });

  it("starts the fit after the last charge, and says so when there is too little or no discharge", () => {
    const beforeCharge = line(30, -10, 48);
    const afterCharge = line(95, -1, 48, 48);
    const f = forecastBattery([...beforeCharge, ...afterCharge]);
    expect(f.status === "discharging" && f.ratePerDay).toBeCloseTo(-1, 6);
    expect(forecastBattery(line(80, -1, 3)).status).toBe("insufficient_data");
    expect(forecastBattery([]).status).toBe("insufficient_data");
    expect(forecastBattery(line(80, 0, 48)).status).toBe("not_discharging");
  });

  it("is within 10 % of the remaining time at 50 % charge on simulated discharge curves", () => {
    const simulator = measureBatteryForecast("simulator", 8);
    expect(simulator.curves).toBe(8);
    expect(simulator.maePct).toBeLessThan(10);
    expect(simulator.bandCoverage).toBeGreaterThanOrEqual(0.75);
    const variable = measureBatteryForecast("variable load", 40);
    expect(variable.maePct).toBeLessThan(12);
  }, 60_000);
});
