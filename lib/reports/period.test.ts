import { describe, expect, it } from "vitest";
import { periodLabel, periodRange, periodSchema, previousPeriod } from "./period";

describe("report periods", () => {
  it("the schedule on the 1st reports on the previous month, across a year's turn", () => {
    expect(previousPeriod(new Date("2026-12-01T00:05:00Z"))).toBe("2026-11");
    expect(previousPeriod(new Date("2027-01-01T03:00:00Z"))).toBe("2026-12");
  });

  it("a past month is complete; the current one runs to now; a future one is refused", () => {
    const now = new Date("2026-11-28T10:00:00Z");
    expect(periodRange("2026-10", now)).toEqual({ period: "2026-10", from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-11-01T00:00:00Z"), complete: true });
    expect(periodRange("2026-11", now)).toEqual({ period: "2026-11", from: new Date("2026-11-01T00:00:00Z"), to: now, complete: false });
    expect(periodRange("2026-12", now)).toBeNull();
  });

  it("accepts YYYY-MM only and names the month for people", () => {
    expect(periodSchema.safeParse("2026-02").success).toBe(true);
    for (const bad of ["2026-13", "2026-2", "26-02", "2026-02-01", "1999-12", ""]) expect(periodSchema.safeParse(bad).success).toBe(false);
    expect(periodLabel("2026-02")).toBe("February 2026");
  });
});
