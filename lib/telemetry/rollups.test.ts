import { describe, expect, it } from "vitest";
import { bucketStart, RollupAccumulator } from "./rollups";
import { TokenBuckets } from "./rate-limit";

describe("RollupAccumulator", () => {
  it("merges readings into count, sum, min and max per device, metric and bucket", () => {
    const acc = new RollupAccumulator();
    const t = new Date("2026-06-01T10:15:30Z");
    acc.add([
      { device_id: 1, timestamp: t, metrics: { temperature: 10 } },
      { device_id: 1, timestamp: new Date(t.getTime() + 10_000), metrics: { temperature: 30, humidity: 50 } },
      { device_id: 2, timestamp: t, metrics: { temperature: 99 } },
    ]);
    const deltas = acc.take();
    const minute = deltas.find((d) => d.device_id === 1 && d.metric === "temperature" && d.size === "1m")!;
    expect(minute).toMatchObject({ count: 2, sum: 40, min: 10, max: 30, start: new Date("2026-06-01T10:15:00Z") });
    expect(deltas.find((d) => d.device_id === 1 && d.metric === "temperature" && d.size === "1d")!.start).toEqual(new Date("2026-06-01T00:00:00Z"));
    expect(deltas).toHaveLength(3 * 3); // (1,temp) (1,hum) (2,temp) × three bucket sizes
    expect(acc.size).toBe(0);
    acc.restore([minute]);
    expect(acc.take()[0]).toMatchObject({ count: 2, sum: 40 });
  });

  it("floors to the bucket start", () => {
    expect(bucketStart(new Date("2026-06-01T10:59:59.999Z"), 3_600_000)).toEqual(new Date("2026-06-01T10:00:00Z"));
  });
});

describe("TokenBuckets", () => {
  it("allows the burst, then the rate, per key", () => {
    const b = new TokenBuckets(10, 100);
    expect(b.take("a", 100, 0)).toBe(true);
    expect(b.take("a", 1, 0)).toBe(false);
    expect(b.take("b", 50, 0)).toBe(true);
    expect(b.take("a", 10, 1000)).toBe(true);
    expect(b.take("a", 1, 1000)).toBe(false);
  });
});
