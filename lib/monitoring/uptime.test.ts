import { describe, expect, it } from "vitest";
import { uptimeOver } from "./connectivity";

const H = 3_600_000;
const from = new Date("2026-10-01T00:00:00Z");
const to = new Date(from.getTime() + 100 * H);
const at = (h: number) => new Date(from.getTime() + h * H);

describe("uptime from the connectivity history", () => {
  it("counts online and offline time from the state the month started in, and each outage", () => {
    const u = uptimeOver("online", [{ at: at(10), to: "offline" }, { at: at(15), to: "online" }, { at: at(90), to: "offline" }], { from, to });
    expect(u.onlineMs).toBe(85 * H);
    expect(u.offlineMs).toBe(15 * H);
    expect(u.outages).toBe(2);
    expect(u.uptime).toBeCloseTo(0.85, 12);
  });

  it("does not count the time before a device first connected, nor transitions outside the month", () => {
    const u = uptimeOver("never_connected", [{ at: at(-5), to: "online" }, { at: at(60), to: "online" }, { at: at(80), to: "offline" }, { at: at(120), to: "online" }], { from, to });
    expect(u.onlineMs).toBe(20 * H);
    expect(u.offlineMs).toBe(20 * H);
    expect(u.uptime).toBe(0.5);
  });

  it("has no figure for a device that was never connected in the month", () => {
    expect(uptimeOver("never_connected", [], { from, to }).uptime).toBeNull();
    expect(uptimeOver("offline", [], { from, to })).toMatchObject({ uptime: 0, offlineMs: 100 * H, outages: 0 });
  });
});
