import { describe, expect, it } from "vitest";
import { connectivityTimeoutMs, nextConnectivity } from "./connectivity";

const policy = { k: 3, floorSec: 30, defaultIntervalSec: 60 };
const t0 = new Date("2026-11-27T12:00:00Z");
const later = (s: number) => new Date(t0.getTime() + s * 1000);

describe("connectivity", () => {
  it("times out after k × the reporting interval, the default interval without a configuration, never below the floor", () => {
    expect(connectivityTimeoutMs(60, policy)).toBe(180_000);
    expect(connectivityTimeoutMs(null, policy)).toBe(180_000);
    expect(connectivityTimeoutMs(20, policy)).toBe(60_000);
    // A device reporting every second would flap on the status throttle's lag: the floor holds.
    expect(connectivityTimeoutMs(1, policy)).toBe(30_000);
  });

  it("is never_connected until the first reading, online within the timeout, offline after it", () => {
    expect(nextConnectivity("never_connected", null, later(1000), 180_000)).toBe("never_connected");
    expect(nextConnectivity("never_connected", t0, later(5), 180_000)).toBe("online");
    expect(nextConnectivity("online", t0, later(180), 180_000)).toBe("online");
    expect(nextConnectivity("online", t0, later(181), 180_000)).toBe("offline");
    expect(nextConnectivity("offline", later(200), later(201), 180_000)).toBe("online");
    // Seen once, long ago (e.g. the worker was down): straight to offline.
    expect(nextConnectivity("never_connected", t0, later(3600), 180_000)).toBe("offline");
  });
});
