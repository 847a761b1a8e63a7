import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Connectivity } from "@/lib/monitoring/alert-model";
import { computeUptime, onlineMs, uptimeTotals, type StateChange } from "./uptime";

const S = 1000;
const HOUR = 3_600_000;

/** The definition, second by second: the state in second s is the last change at or before it. */
function bruteForceOnlineSeconds(changes: StateChange[], from: number, to: number): number {
  let online = 0;
  for (let s = from; s < to; s += S) {
    let state: Connectivity = "never_connected";
    for (const c of changes) if (c.at <= s) state = c.to; // in given order: the later of equal instants wins
    if (state === "online") online++;
  }
  return online;
}

const stateArb = fc.constantFrom<Connectivity>("online", "offline", "never_connected");
// Whole seconds in a small span, so that ties, changes before and after the range and empty ranges all happen.
const changesArb = fc.array(fc.record({ at: fc.integer({ min: 0, max: 400 }).map((s) => s * S), to: stateArb }), { maxLength: 25 });

describe("onlineMs", () => {
  it("equals a per-second count of the online state over the range (property)", () => {
    fc.assert(
      fc.property(changesArb, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (raw, a, b) => {
        // The brute force reads changes in time order (stable for ties), as the history would be stored.
        const changes: StateChange[] = raw.map((c, i) => ({ ...c, i })).sort((x, y) => x.at - y.at || x.i - y.i).map(({ at, to }) => ({ at, to }));
        const [from, to] = [Math.min(a, b) * S, Math.max(a, b) * S];
        expect(onlineMs(changes, from, to)).toBe(bruteForceOnlineSeconds(changes, from, to) * S);
      }),
      { numRuns: 2000 },
    );
  });

  it("counts the state set before the range, and a device never seen online is 0", () => {
    expect(onlineMs([{ at: 0, to: "online" }], 10 * S, 20 * S)).toBe(10 * S);
    expect(onlineMs([{ at: 0, to: "online" }, { at: 15 * S, to: "offline" }], 10 * S, 20 * S)).toBe(5 * S);
    expect(onlineMs([], 0, 20 * S)).toBe(0);
    expect(onlineMs([{ at: 5 * S, to: "offline" }], 0, 20 * S)).toBe(0);
  });
});

describe("computeUptime", () => {
  const from = new Date(Date.UTC(2026, 0, 1));
  const to = new Date(from.getTime() + 10 * HOUR);
  const alice = { id: 7, name: "Alice" };
  it("excludes time before deployment and after now, and weights customers by observed time", () => {
    const devices = [
      // Deployed before the range, online for the first 5 of 10 hours: 50 %.
      { id: 1, name: "a", serialNumber: "A", deployedAt: new Date(from.getTime() - HOUR), customer: alice },
      // Deployed half-way, online from then on: 100 % of its 5 hours.
      { id: 2, name: "b", serialNumber: "B", deployedAt: new Date(from.getTime() + 5 * HOUR), customer: alice },
      // Deployed, never online: 0 %.
      { id: 3, name: "c", serialNumber: "C", deployedAt: from, customer: null },
      // Deployed after the range: not listed.
      { id: 4, name: "d", serialNumber: "D", deployedAt: new Date(to.getTime() + HOUR), customer: null },
    ];
    const changes = new Map<number, StateChange[]>([
      [1, [{ at: from.getTime() - HOUR, to: "online" }, { at: from.getTime() + 5 * HOUR, to: "offline" }]],
      [2, [{ at: from.getTime() + 5 * HOUR, to: "online" }]],
    ]);
    const result = computeUptime(devices, changes, { from, to }, new Date(to.getTime() + 100 * HOUR));
    expect(result.devices.map((d) => [d.deviceId, d.uptimePct, d.observedHours])).toEqual([
      [3, 0, 10],
      [1, 50, 10],
      [2, 100, 5],
    ]);
    // Alice: 5 + 5 online hours of 10 + 5 observed.
    expect(result.customers).toEqual([
      { customerId: null, customer: "(no customer)", devices: 1, observedHours: 10, onlineHours: 0, uptimePct: 0 },
      { customerId: 7, customer: "Alice", devices: 2, observedHours: 15, onlineHours: 10, uptimePct: 66.7 },
    ]);
    // A range reaching into the future is measured up to now.
    const early = computeUptime(devices, changes, { from, to }, new Date(from.getTime() + 2 * HOUR));
    expect(early.devices.find((d) => d.deviceId === 1)).toMatchObject({ observedHours: 2, uptimePct: 100 });
  });

describe("uptimeTotals (the monthly fleet report)", () => {
  it("splits a window into online and the rest, counts the outages inside it, and has no figure for an empty window", () => {
    const changes: StateChange[] = [
      { at: -HOUR, to: "online" },
      { at: 10 * HOUR, to: "offline" },
      { at: 12 * HOUR, to: "online" },
      { at: 30 * HOUR, to: "offline" }, // after the window: neither time nor an outage
    ];
    expect(uptimeTotals(changes, 0, 24 * HOUR)).toEqual({ onlineMs: 22 * HOUR, offlineMs: 2 * HOUR, outages: 1, uptime: 22 / 24 });
    expect(uptimeTotals([], 0, 24 * HOUR)).toMatchObject({ onlineMs: 0, offlineMs: 24 * HOUR, uptime: 0 }); // never connected: 0 %
    expect(uptimeTotals(changes, 5, 5).uptime).toBeNull();
  });
});
});
