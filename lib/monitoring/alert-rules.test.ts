import { describe, expect, it } from "vitest";
import { deviceConfigSchema } from "@/lib/provisioning/schemas";
import { evaluateReading, initialRuleState, resolveRules, type Rule, type RuleAction } from "./alert-rules";

const defaults = { forReadings: 3, forSeconds: 0, clearMarginPct: 5 };
const rule = (overrides: Partial<Rule> = {}): Rule => ({
  alertType: "temperature_high",
  metric: "temperature",
  side: "high",
  limit: 60,
  clearMargin: 4,
  severity: "critical",
  forReadings: 3,
  forSeconds: 0,
  ...overrides,
});

/** Feeds values one second apart and returns the action kinds. */
function run(r: Rule, values: number[], state = initialRuleState(), start = 0): string[] {
  return values.map((v, i) => {
    const a: RuleAction = evaluateReading(r, state, v, start + i * 1000);
    return a.kind === "raise" ? `raise:${a.count}` : a.kind;
  });
}

describe("resolveRules", () => {
  it("uses the device type's defaults, replaced per metric by the device's configuration", () => {
    const sensor = resolveRules("sensor", undefined, defaults);
    expect(sensor.find((r) => r.alertType === "temperature_high")).toMatchObject({ limit: 60, severity: "critical", forReadings: 3 });
    expect(sensor.find((r) => r.alertType === "battery_level_low")).toMatchObject({ limit: 10, clearMargin: 5 });
    const gateway = resolveRules("gateway", undefined, defaults);
    expect(gateway.find((r) => r.alertType === "temperature_high")!.limit).toBe(75);
    expect(gateway.find((r) => r.alertType === "temperature_low")).toBeUndefined();

    const configured = resolveRules("sensor", { thresholds: { temperature: { max: 30, severity: "info", forReadings: 5, clearMargin: 1 } } }, defaults);
    const temp = configured.filter((r) => r.metric === "temperature");
    expect(temp).toEqual([expect.objectContaining({ alertType: "temperature_high", limit: 30, severity: "info", forReadings: 5, clearMargin: 1 })]);
  });

  it("derives the default clear margin from the threshold's range, or the metric's", () => {
    const [high, low] = resolveRules("x", { thresholds: { temperature: { min: 0, max: 40 } } }, defaults).filter((r) => r.metric === "temperature");
    expect(high.clearMargin).toBe(2); // 5 % of 40
    expect(low.clearMargin).toBe(2);
    const cpu = resolveRules("x", { thresholds: { cpu_usage: { max: 90 } } }, defaults).find((r) => r.metric === "cpu_usage")!;
    expect(cpu.clearMargin).toBe(5); // 5 % of 0..100
  });

  it("accepts the per-threshold timing fields in a device configuration", () => {
    const parsed = deviceConfigSchema.safeParse({ reportingIntervalSec: 10, metrics: ["temperature"], thresholds: { temperature: { max: 30, forReadings: 2, forSeconds: 10, clearMargin: 1.5 } } });
    expect(parsed.success).toBe(true);
    const bad = deviceConfigSchema.safeParse({ reportingIntervalSec: 10, metrics: ["temperature"], thresholds: { temperature: { max: 30, forReadings: 0 } } });
    expect(bad.success).toBe(false);
  });
});

describe("evaluateReading", () => {
  it("does nothing inside the threshold, and treats the line itself as inside", () => {
    expect(run(rule(), [20, 59.9, 60, 60, 60])).toEqual(["none", "none", "none", "none", "none"]);
  });

  it("raises on the Nth consecutive breaching reading, counting all N", () => {
    expect(run(rule(), [61, 62, 63, 64])).toEqual(["none", "none", "raise:3", "repeat"]);
    expect(run(rule({ forReadings: 1 }), [61])).toEqual(["raise:1"]);
  });

  it("starts counting again when a reading comes back inside", () => {
    expect(run(rule(), [61, 62, 50, 61, 62, 50, 61, 62, 63])).toEqual(["none", "none", "none", "none", "none", "none", "none", "none", "raise:3"]);
  });

  it("with a duration, waits until the breach has lasted that long as well", () => {
    // One reading a second; 5 s from the first breaching reading means the 6th.
    expect(run(rule({ forReadings: 1, forSeconds: 5 }), [61, 61, 61, 61, 61, 61, 61])).toEqual(["none", "none", "none", "none", "none", "raise:6", "repeat"]);
  });

  it("low thresholds work the other way round", () => {
    const low = rule({ alertType: "battery_level_low", metric: "battery_level", side: "low", limit: 10, clearMargin: 5 });
    expect(run(low, [12, 9, 8, 7, 9.9, 11, 14.9, 15])).toEqual(["none", "none", "none", "raise:3", "repeat", "none", "none", "clear"]);
  });

  it("clears with hysteresis: hovering just inside the line does not clear or re-raise", () => {
    const state = initialRuleState();
    expect(run(rule(), [61, 61, 61], state)).toEqual(["none", "none", "raise:3"]);
    // 56.1..60 is the band between the clear level (60 - 4) and the line.
    expect(run(rule(), [59, 61, 58, 60.5, 57, 56.1], state, 3000)).toEqual(["none", "repeat", "none", "repeat", "none", "none"]);
    expect(run(rule(), [56], state, 9000)).toEqual(["clear"]);
    // After a clear it takes N breaching readings again.
    expect(run(rule(), [61, 61, 61], state, 10_000)).toEqual(["none", "none", "raise:3"]);
  });

  it("deduplicates: a long breach is one raise followed by repeats", () => {
    const kinds = run(rule(), Array.from({ length: 100 }, () => 70));
    expect(kinds.filter((k) => k.startsWith("raise"))).toHaveLength(1);
    expect(kinds.filter((k) => k === "repeat")).toHaveLength(97);
  });

  it("after a person cleared the alert, waits for recovery before raising a new one", () => {
    const state = initialRuleState();
    run(rule(), [61, 61, 61], state);
    state.suppressed = true; // what the store reports when the open alert is gone
    expect(run(rule(), [62, 63, 58], state, 3000)).toEqual(["none", "none", "none"]);
    expect(run(rule(), [50], state, 6000)).toEqual(["none"]); // nothing open to clear
    expect(run(rule(), [61, 61, 61], state, 7000)).toEqual(["none", "none", "raise:3"]);
  });

  it("counts a reading that arrives out of order, measuring the duration from the earliest", () => {
    const state = initialRuleState();
    const r = rule({ forReadings: 3, forSeconds: 2 });
    expect(evaluateReading(r, state, 61, 10_000)).toEqual({ kind: "none" });
    expect(evaluateReading(r, state, 61, 8000)).toEqual({ kind: "none" });
    expect(evaluateReading(r, state, 61, 9000)).toEqual({ kind: "raise", count: 3 });
  });
});
