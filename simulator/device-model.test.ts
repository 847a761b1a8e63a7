import { describe, expect, it } from "vitest";
import { readingSchema } from "@/lib/telemetry/schema";
import { SimDevice } from "./device-model";

describe("SimDevice", () => {
  it("produces readings the ingest schema accepts, warmer in the afternoon than before dawn", () => {
    const device = new SimDevice(42);
    const day = Date.UTC(2026, 5, 1);
    const dawn = device.next(day + 5 * 3_600_000)!;
    const afternoon = device.next(day + 15 * 3_600_000)!;
    expect(readingSchema.safeParse(dawn).success).toBe(true);
    expect(readingSchema.safeParse(afternoon).success).toBe(true);
    expect(afternoon.metrics.temperature!).toBeGreaterThan(dawn.metrics.temperature! + 8);
  });

  it("drains its battery and injects spikes, stuck values and silence", () => {
    const device = new SimDevice(7);
    const t0 = Date.UTC(2026, 5, 1, 12);
    const first = device.next(t0)!;
    for (let i = 1; i < 500; i++) device.next(t0 + i * 1000);
    expect(device.next(t0 + 500_000)!.metrics.battery_level!).toBeLessThan(first.metrics.battery_level!);

    device.inject("spike", t0);
    expect(device.next(t0 + 501_000)!.metrics.temperature!).toBeGreaterThanOrEqual(85);

    device.inject("stuck", t0 + 600_000);
    const a = device.next(t0 + 601_000)!;
    const b = device.next(t0 + 602_000)!;
    expect(b.metrics).toEqual(a.metrics);

    device.inject("silent", t0 + 700_000);
    expect(device.next(t0 + 701_000)).toBeNull();
    expect(device.next(t0 + 731_000)).not.toBeNull();
  });

  it("drifts a temperature sensor and labels every anomaly with the readings it shaped", () => {
    const device = new SimDevice(11);
    const t0 = Date.UTC(2026, 5, 1, 12);
    for (let i = 0; i < 10; i++) device.next(t0 + i * 60_000);
    device.inject("drift", t0);
    const drifted = Array.from({ length: 40 }, (_, i) => device.next(t0 + (10 + i) * 60_000)!);
    const after = device.next(t0 + 50 * 60_000)!;
    expect(drifted.at(-1)!.metrics.temperature! - after.metrics.temperature!).toBeGreaterThan(8);
    device.inject("spike", t0);
    device.next(t0 + 51 * 60_000);
    device.next(t0 + 52 * 60_000);
    device.next(t0 + 53 * 60_000);
    expect(device.labels).toEqual([
      { kind: "drift", firstSeq: 10, lastSeq: 49 },
      { kind: "spike", firstSeq: 51, lastSeq: 53 },
    ]);
  });
});

describe("demo scenario", () => {
  it("schedules each step once per cycle", async () => {
    const { dueSteps, DEMO_SCENARIO, DEMO_CYCLE_SEC } = await import("./scenario");
    let fired = 0;
    for (let t = 0; t < 2 * DEMO_CYCLE_SEC; t++) fired += dueSteps(t, t + 1).length;
    expect(fired).toBe(2 * DEMO_SCENARIO.length);
    expect(dueSteps(19, 20).map((s) => s.anomaly)).toEqual(["heat"]);
  });

  it("sustains overheating and CPU load for as many readings as asked", () => {
    const device = new SimDevice(3);
    const t0 = Date.UTC(2026, 5, 1, 12);
    device.inject("heat", t0, { readings: 5 });
    const temps = Array.from({ length: 6 }, (_, i) => device.next(t0 + i * 1000)!.metrics.temperature!);
    expect(temps.slice(0, 5).every((t) => t > 65)).toBe(true);
    expect(temps[5]).toBeLessThan(40);
    device.inject("cpu", t0, { readings: 2 });
    expect(device.next(t0 + 10_000)!.metrics.cpu_usage!).toBeGreaterThanOrEqual(96);
  });
});
