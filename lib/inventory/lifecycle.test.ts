import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { DEVICE_STATUSES, deviceLifecycle, manualDeviceLifecycle, type DeviceStatus } from "./lifecycle";

/**
 * The tables written out independently of lifecycle.ts: a change to either is a deliberate
 * product decision and must be made in both places.
 */
const EXPECTED: Record<string, Record<DeviceStatus, DeviceStatus[]>> = {
  device: {
    in_stock: ["reserved", "maintenance", "defective"],
    reserved: ["in_stock", "sold", "maintenance", "defective"],
    sold: ["deployed", "in_stock", "maintenance", "defective"],
    deployed: ["maintenance", "defective"],
    maintenance: ["in_stock", "sold", "deployed", "defective"],
    defective: ["maintenance", "in_stock"],
  },
  manual: {
    in_stock: ["maintenance", "defective"],
    reserved: [],
    sold: ["maintenance", "defective"],
    deployed: ["maintenance", "defective"],
    maintenance: ["in_stock", "deployed", "defective"],
    defective: ["maintenance", "in_stock"],
  },
};

const pairs = DEVICE_STATUSES.flatMap((from) => DEVICE_STATUSES.map((to) => [from, to] as const));

describe.each([
  ["device", deviceLifecycle],
  ["manual", manualDeviceLifecycle],
] as const)("%s lifecycle", (key, lifecycle) => {
  const table = EXPECTED[key];

  it("covers every device status", () => {
    expect([...lifecycle.states].sort()).toEqual([...DEVICE_STATUSES].sort());
  });

  it.each(pairs.filter(([from, to]) => table[from].includes(to)))("allows %s → %s", (from, to) => {
    expect(lifecycle.canTransition(from, to)).toBe(true);
    expect(() => lifecycle.assertTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([from, to]) => !table[from].includes(to)))("refuses %s → %s with 409 naming the allowed states", (from, to) => {
    expect(lifecycle.canTransition(from, to)).toBe(false);
    let thrown: unknown;
    try {
      lifecycle.assertTransition(from, to);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.status).toBe(409);
    expect(error.code).toBe("invalid_transition");
    expect(error.details).toEqual({ from, to, allowed: table[from] });
    for (const next of table[from]) expect(error.message).toContain(next);
  });

  it("lists next states exactly as the table", () => {
    for (const from of DEVICE_STATUSES) expect([...lifecycle.nextStates(from)]).toEqual(table[from]);
  });
});

describe("manual lifecycle", () => {
  it("is a subset of the full lifecycle, so a hand move never breaks the automatic rules", () => {
    for (const [from, to] of pairs) {
      if (manualDeviceLifecycle.canTransition(from, to)) expect(deviceLifecycle.canTransition(from, to)).toBe(true);
    }
  });

  it("leaves order-driven moves to orders: nothing leaves reserved by hand, nothing enters reserved or sold", () => {
    expect(manualDeviceLifecycle.nextStates("reserved")).toEqual([]);
    for (const from of DEVICE_STATUSES) {
      expect(manualDeviceLifecycle.canTransition(from, "reserved")).toBe(false);
      expect(manualDeviceLifecycle.canTransition(from, "sold")).toBe(false);
    }
  });
});
