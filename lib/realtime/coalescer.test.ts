import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Coalescer } from "./coalescer";

describe("Coalescer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const collect = (intervalMs = 500) => {
    const out: Array<[number, number]> = [];
    const c = new Coalescer<number>(intervalMs, (k, v) => out.push([k, v]), (a, b) => a >= b, () => Date.now());
    return { c, out };
  };

  it("sends the first value at once and at most one per interval afterwards, ending on the last", () => {
    const { c, out } = collect();
    for (let i = 1; i <= 50; i++) {
      c.push(7, i);
      vi.advanceTimersByTime(20); // 50 readings/s for one second
    }
    vi.advanceTimersByTime(1000);
    expect(out[0]).toEqual([7, 1]);
    expect(out.at(-1)).toEqual([7, 50]);
    expect(out.length).toBeLessThanOrEqual(3);
  });

  it("keeps devices apart", () => {
    const { c, out } = collect();
    c.push(1, 10);
    c.push(2, 20);
    c.push(1, 11);
    vi.advanceTimersByTime(500);
    expect(out).toEqual([
      [1, 10],
      [2, 20],
      [1, 11],
    ]);
  });

  it("does not replace a pending value with an older one", () => {
    const { c, out } = collect();
    c.push(1, 10);
    c.push(1, 30);
    c.push(1, 20);
    vi.advanceTimersByTime(500);
    expect(out).toEqual([
      [1, 10],
      [1, 30],
    ]);
  });

  it("passes everything through when the interval is 0, and flushes pending values on close", () => {
    const off = collect(0);
    off.c.push(1, 1);
    off.c.push(1, 2);
    expect(off.out).toEqual([
      [1, 1],
      [1, 2],
    ]);
    const on = collect();
    on.c.push(1, 1);
    on.c.push(1, 2);
    on.c.close();
    expect(on.out).toEqual([
      [1, 1],
      [1, 2],
    ]);
  });
});
