import { describe, expect, it } from "vitest";
import { forecastBattery } from "@/lib/insights/battery-forecast";
import { uptimeTotals } from "@/lib/analytics/uptime";
import { assembleFleetReport } from "./fleet-report";
import { renderReportDocument } from "./html";
import { periodRange } from "./period";

const H = 3_600_000;
const range = periodRange("2026-10", new Date("2026-11-15T00:00:00Z"))!;
const at = (h: number) => new Date(range.from.getTime() + h * H);
const month = range.to.getTime() - range.from.getTime();
const [start, end] = [range.from.getTime(), range.to.getTime()];
const onlineBefore = { at: start - H, to: "online" as const };
// Hourly battery averages over the last week of October, draining 2 points a day from 40 %.
const draining = Array.from({ length: 168 }, (_, i) => ({ at: range.to.getTime() - (168 - i) * H, level: 40 - (2 * i) / 24 }));

function report() {
  return assembleFleetReport({
    range,
    customer: { id: 7, name: "Acme <Farms>" },
    devices: [
      { id: 12, name: "Barn sensor", serialNumber: "SN-B", model: "TH-2" },
      { id: 11, name: "Field sensor", serialNumber: "SN-A", model: "TH-1" },
      { id: 13, name: "Spare", serialNumber: "SN-C", model: "TH-1" },
    ],
    uptime: new Map([
      [11, uptimeTotals([onlineBefore, { at: at(100).getTime(), to: "offline" }, { at: at(112).getTime(), to: "online" }], start, end)],
      [12, uptimeTotals([onlineBefore], start, end)],
      // Not deployed in the month: no window, no figure.
      [13, uptimeTotals([], end, end)],
    ]),
    alerts: [{ deviceId: 11, alerts: 4, repeats: 9, critical: 1, open: 1, meanMinutesToAcknowledge: 5, meanMinutesToClear: 30 }],
    batteries: new Map([
      [11, forecastBattery(draining)],
      [12, forecastBattery(draining.map((p) => ({ ...p, level: 90 })))],
    ]),
    generatedAt: new Date("2026-11-01T00:10:00Z"),
  });
}

describe("fleet report", () => {
  it("per device: uptime, outages, alerts and the battery's 10 % date, in device order", () => {
    const r = report();
    expect(r.devices.map((d) => d.id)).toEqual([11, 12, 13]);
    const [field, barn, spare] = r.devices;
    expect(field).toMatchObject({ outages: 1, offlineHours: 12, alerts: 4, critical: 1, open: 1 });
    expect(field.uptimePct).toBeCloseTo(Math.round((1 - (12 * H) / month) * 1000) / 10, 10);
    expect(field.battery.status).toBe("discharging");
    // 26.1 % left at 2 points a day after the last reading: 10 % about 8 days after October ends.
    expect(field.battery.reachesOn).toBe("2026-11-09");
    expect(barn).toMatchObject({ uptimePct: 100, alerts: 0, battery: { status: "not_discharging", reachesOn: null } });
    expect(spare).toMatchObject({ uptimePct: null, onlineHours: 0, battery: { status: "insufficient_data", level: null } });
  });

  it("sums the fleet: uptime over connected time, alerts, and batteries at 10 % within 30 days", () => {
    const s = report().summary;
    expect(s).toMatchObject({ devices: 3, outages: 1, alerts: 4, critical: 1, open: 1, batteriesLowSoon: 1 });
    expect(s.uptimePct).toBeCloseTo(Math.round((1 - (12 * H) / (2 * month)) * 1000) / 10, 10);
    expect(report()).toMatchObject({ period: "2026-10", label: "October 2026", complete: true });
  });

  it("prints the figures a customer looks for and escapes what came from people", () => {
    const html = renderReportDocument(report());
    expect(html).toContain("Fleet report — October 2026");
    expect(html).toContain("Acme &lt;Farms&gt;");
    expect(html).not.toContain("Acme <Farms>");
    expect(html).toContain("98.4 %");
    expect(html).toContain("9 Nov 2026");
    expect(html).toContain("no data");
  });
});
