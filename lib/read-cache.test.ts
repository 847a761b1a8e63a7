import { describe, expect, it } from "vitest";
import { cachedRead, noteWrite } from "./read-cache";

describe("cached reads", () => {
  it("reuses a total for a moment, then counts again", async () => {
    let t = 1_000_000;
    let counts = 0;
    const count = async () => ++counts;
    expect(await cachedRead("a", count, () => t)).toBe(1);
    t += 1_000;
    expect(await cachedRead("a", count, () => t)).toBe(1);
    t += 1_500;
    expect(await cachedRead("a", count, () => t)).toBe(2);
  });

  it("never reuses a total across a write, nor one whose count overlapped a write", async () => {
    const t = () => 5_000_000;
    let n = 10;
    expect(await cachedRead("b", async () => n, t)).toBe(10);
    n = 11;
    noteWrite();
    expect(await cachedRead("b", async () => n, t)).toBe(11);
    // A write lands while counting: the (possibly stale) result is answered once but not kept.
    expect(await cachedRead("c", async () => (noteWrite(), 1), t)).toBe(1);
    expect(await cachedRead("c", async () => 2, t)).toBe(2);
  });

  it("keeps filters apart", async () => {
    const t = () => 9_000_000;
    expect(await cachedRead("status=sold", async () => 3, t)).toBe(3);
    expect(await cachedRead("status=in_stock", async () => 7, t)).toBe(7);
    expect(await cachedRead("status=sold", async () => 99, t)).toBe(3);
  });
});
