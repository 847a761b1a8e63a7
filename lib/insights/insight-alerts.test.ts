import { describe, expect, it } from "vitest";
import { AnomalyDetector } from "./anomaly";
import { forecastBattery } from "./battery-forecast";
import { anomalyAlert, batteryAlert } from "./insight-alerts";

const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 5, 1);
const discharge = (from: number, perDay: number) => Array.from({ length: 72 }, (_, h) => ({ at: t0 + h * HOUR, level: from + (perDay * h) / 24 }));

describe("insight alerts", () => {
  it("an anomaly becomes an `anomaly` alert explaining expected range, observed value and score", () => {
    const detector = new AnomalyDetector();
    for (let i = 0; i < 200; i++) detector.observe(5, t0 + i * 60_000, { humidity: 50 + (i % 7) / 10 });
    const [finding] = detector.observe(5, t0 + 200 * 60_000, { humidity: 80 });
    const alert = anomalyAlert(5, finding);
    expect(alert).toMatchObject({ deviceId: 5, alertType: "anomaly", severity: "warning", metric: "humidity", value: 80 });
    expect(alert.details).toMatchObject({ kind: "spike", baseline: "recent" });
    expect(alert.details.low as number).toBeLessThan(50);
    expect(alert.details.high as number).toBeLessThan(80);
    expect(alert.details.score as number).toBeGreaterThan(5);
  });

  it("a battery reaching 10 % within 7 days raises `battery_low_soon`; further away, nothing", () => {
    const now = new Date(t0 + 71 * HOUR);
    const soon = batteryAlert(9, forecastBattery(discharge(30, -4)), now);
    expect(soon).toMatchObject({ alertType: "battery_low_soon", severity: "warning", metric: "battery_level" });
    expect(Date.parse(soon!.details.reachesAt as string)).toBeLessThan(now.getTime() + 7 * 24 * HOUR);
    expect(batteryAlert(9, forecastBattery(discharge(90, -1)), now)).toBeNull();
    expect(batteryAlert(9, forecastBattery(discharge(12, -4)), now)?.severity).toBe("critical");
  });
});
