import { describe, expect, it } from "vitest";
import { replayFleet } from "@/simulator/replay";
import { AnomalyDetector } from "./anomaly";

const MIN = 60_000;
const t0 = Date.UTC(2026, 5, 1);
/** A steady sensor: 20 °C with ±0.3 of deterministic noise. */
const noise = (i: number) => Math.round(Math.sin(i * 12.9898) * 43758.5453 % 1 * 30) / 100;

describe("AnomalyDetector", () => {
  it("meets the precision, recall and delay floors on the simulator's labelled anomalies (fixed seed)", () => {
    const score = replayFleet(new AnomalyDetector(), { seed: 7, devices: 12 });
    expect(score.anomalies).toBeGreaterThan(150);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.medianDelayReadings).toBeLessThanOrEqual(3);
    for (const kind of ["spike", "stuck", "drift"]) expect(score.byKind[kind].recall).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  it("judges nothing during warm-up, then explains a spike with the expected range, the observed value and a score", () => {
    const detector = new AnomalyDetector({ warmup: 60 });
    for (let i = 0; i < 60; i++) expect(detector.observe(1, t0 + i * MIN, { temperature: i === 30 ? 90 : 20 + noise(i) })).toEqual([]);
    for (let i = 60; i < 200; i++) detector.observe(1, t0 + i * MIN, { temperature: 20 + noise(i) });
    const [finding] = detector.observe(1, t0 + 200 * MIN, { temperature: 35 });
    expect(finding).toMatchObject({ metric: "temperature", kind: "spike", observed: 35 });
    expect(finding.low).toBeLessThan(20);
    expect(finding.high).toBeGreaterThan(20);
    // The warm-up outlier widened the range only boundedly (30σ), not to 90.
    expect(finding.high).toBeLessThan(30);
    expect(finding.score).toBeGreaterThan(10);
    expect(finding.message).toContain("outside the expected");
  });

  it("keeps devices apart and ignores deviations that do not matter (memory freed)", () => {
    const detector = new AnomalyDetector();
    for (let i = 0; i < 300; i++) {
      detector.observe(1, t0 + i * MIN, { memory_usage: 60 + i * 0.02 + noise(i) / 10 });
      detector.observe(2, t0 + i * MIN, { memory_usage: 30 + noise(i) / 10 });
    }
    // Device 1 restarts (memory drops): no anomaly; device 2 leaking suddenly: an anomaly.
    expect(detector.observe(1, t0 + 300 * MIN, { memory_usage: 25 })).toEqual([]);
    expect(detector.observe(2, t0 + 300 * MIN, { memory_usage: 45 })[0]).toMatchObject({ kind: "spike", metric: "memory_usage" });
  });

  it("calls a value frozen for longer than its history allows stuck", () => {
    const detector = new AnomalyDetector();
    for (let i = 0; i < 300; i++) detector.observe(1, t0 + i * MIN, { temperature: 20 + noise(i) });
    const findings = [];
    for (let i = 300; i < 310; i++) findings.push(...detector.observe(1, t0 + i * MIN, { temperature: 20.12 }));
    expect(findings[0]).toMatchObject({ kind: "stuck", metric: "temperature", observed: 20.12 });
  });
});
