/**
 * Insights accuracy (`npm run bench -- --anomalies`): in process, no services.
 *  - anomalies: a simulated fleet (40 devices × 3 days at one reading a minute) with the
 *    simulator's labelled spikes, drifts and stuck sensors, through the streaming detector;
 *    precision, recall and median detection delay against the labels. The same-run baseline is
 *    a fixed threshold rule (|z| > 4 against the device's first hour), the naive detector.
 *  - battery forecast: at 50 % charge, the predicted time to 10 % against the curve's truth, as
 *    mean absolute error in % of the remaining time, on the simulator's devices and on harder
 *    variable-load curves (simulator/discharge.ts). Baseline: the same fit over the last day only.
 */
import { AnomalyDetector } from "@/lib/insights/anomaly";
import { measureBatteryForecast } from "@/simulator/discharge";
import { replayFleet, type Detector } from "@/simulator/replay";
import { recordResults } from "./results-file";

/** The naive baseline: mean ± 4 standard deviations of each metric's first 60 readings. */
function thresholdBaseline(): Detector {
  const seen = new Map<string, number[]>();
  return {
    observe(deviceId, _at, metrics) {
      const flags: string[] = [];
      for (const [metric, value] of Object.entries(metrics)) {
        if (typeof value !== "number") continue;
        const key = `${deviceId}:${metric}`;
        const xs = seen.get(key) ?? [];
        if (xs.length < 60) {
          xs.push(value);
          seen.set(key, xs);
          continue;
        }
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) || 1e-9;
        if (Math.abs(value - mean) / sd > 4) flags.push(metric);
      }
      return flags;
    },
  };
}

const started = performance.now();
const detector = replayFleet(new AnomalyDetector());
const detectorMs = performance.now() - started;
const baseline = replayFleet(thresholdBaseline());
const row = (name: string, r: typeof detector) => ({
  name,
  precision: r.precision.toFixed(3),
  recall: r.recall.toFixed(3),
  medianDelayReadings: r.medianDelayReadings,
  alarmEvents: r.alarmEvents,
  ...Object.fromEntries(Object.entries(r.byKind).map(([k, v]) => [`${k} recall/delay`, `${v.recall.toFixed(2)} / ${v.medianDelayReadings}`])),
});
console.log(`\n## anomaly detection: ${detector.readings} readings, ${detector.anomalies} labelled anomalies`);
console.table([row("threshold baseline", baseline), row("streaming detector", detector)]);
console.log(`detector: ${Math.round(detector.readings / (detectorMs / 1000))} readings/s in process (${Math.round(detectorMs)} ms)`);
const DAY = 86_400_000;
const battery = {
  simulator: measureBatteryForecast("simulator", 20),
  variableLoad: measureBatteryForecast("variable load", 40),
  simulatorLastDay: measureBatteryForecast("simulator", 20, 1, { windowMs: DAY }),
  variableLoadLastDay: measureBatteryForecast("variable load", 40, 1, { windowMs: DAY }),
};
console.log("\n## battery forecast at 50 % charge: error of the date it reaches 10 %, in % of the remaining time");
console.table(
  Object.entries(battery).map(([name, r]) => ({ name, curves: r.curves, maePct: r.maePct.toFixed(2), maxErrorPct: r.maxErrorPct.toFixed(2), bandCoverage: r.bandCoverage.toFixed(2) })),
);

recordResults({
  "forecast.batteryMaePct": Number(battery.simulator.maePct.toFixed(3)),
  "forecast.batteryMaePctVariableLoad": Number(battery.variableLoad.maePct.toFixed(3)),
  "forecast.batteryBandCoverage": Number(battery.simulator.bandCoverage.toFixed(3)),
  "forecast.batteryBandCoverageVariableLoad": Number(battery.variableLoad.bandCoverage.toFixed(3)),
  "forecast.baselineLastDayMaePct": Number(battery.simulatorLastDay.maePct.toFixed(3)),
  "forecast.baselineLastDayMaePctVariableLoad": Number(battery.variableLoadLastDay.maePct.toFixed(3)),
  "anomalies.precision": Number(detector.precision.toFixed(4)),
  "anomalies.recall": Number(detector.recall.toFixed(4)),
  "anomalies.medianDelayReadings": detector.medianDelayReadings,
  "anomalies.labelled": detector.anomalies,
  "anomalies.baselinePrecision": Number(baseline.precision.toFixed(4)),
  "anomalies.baselineRecall": Number(baseline.recall.toFixed(4)),
});
