import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import type { ReadingDoc } from "@/lib/telemetry/mongo";
import { AlertEngine, type AlertStore } from "./alert-engine";
import type { AlertDoc } from "./alert-model";
import type { AlertChange } from "./alert-raise";
import { resolveRules } from "./alert-rules";

/** A store that records calls and keeps one open alert per type, like the real one. */
function recordingStore() {
  const open = new Map<string, AlertDoc>();
  const calls: string[] = [];
  const doc = (deviceId: number, alertType: string, count: number): AlertDoc => ({
    _id: new ObjectId(), device_id: deviceId, alert_type: alertType, severity: "warning", message: "", acknowledged: false,
    created_at: new Date(), status: "open", slot: "open", count, first_seen_at: new Date(), last_seen_at: new Date(),
  });
  const store: AlertStore = {
    openTypes: async () => [],
    raise: async (input): Promise<AlertChange> => {
      calls.push(`raise:${input.alertType}:${input.count}`);
      const have = open.get(input.alertType);
      if (have) return (have.count += input.count), { action: "updated", alert: have };
      const created = doc(input.deviceId, input.alertType, input.count);
      open.set(input.alertType, created);
      return { action: "raised", alert: created };
    },
    bump: async (_d, alertType, bump) => {
      calls.push(`bump:${alertType}:${bump.count}`);
      const have = open.get(alertType);
      if (!have) return null;
      have.count += bump.count;
      return { action: "updated", alert: have };
    },
    clear: async (_d, alertType) => {
      calls.push(`clear:${alertType}`);
      const have = open.get(alertType);
      open.delete(alertType);
      return have ? { action: "cleared", alert: { ...have, status: "cleared" } } : null;
    },
  };
  return { store, calls, open };
}

const profiles = { get: async (ids: number[]) => new Map(ids.map((id) => [id, { deviceId: id, type: "sensor", rules: resolveRules("sensor", undefined, { forReadings: 3, forSeconds: 0, clearMarginPct: 5 }), fetchedAt: 0 }])) };
const reading = (i: number, temperature: number): ReadingDoc => ({ messageId: `m${i}`, device_id: 1, timestamp: new Date(1_000_000 + i * 20), receivedAt: new Date(), metrics: { temperature } });

describe("AlertEngine", () => {
  it("writes a device breaching at 50 readings/s as one raise and merged repeats, not 50 writes", async () => {
    const { store, calls, open } = recordingStore();
    const published: string[] = [];
    const engine = new AlertEngine(store, profiles, async (c) => void published.push(c.action), { bumpMs: 60_000 });
    // One second of readings arriving in 10 batches of 5 (the worker's 100 ms flushes).
    for (let b = 0; b < 10; b++) engine.observe(Array.from({ length: 5 }, (_, i) => reading(b * 5 + i, 80)));
    await engine.drain();
    expect(calls).toEqual(["raise:temperature_high:3", "bump:temperature_high:47"]);
    expect(open.get("temperature_high")!.count).toBe(50);
    expect(published).toEqual(["raised", "updated"]);
  });

  it("writes pending repeats before clearing, and after a person's clear waits for recovery", async () => {
    const { store, calls, open } = recordingStore();
    const engine = new AlertEngine(store, profiles, async () => undefined, { bumpMs: 60_000 });
    engine.observe([80, 80, 80, 80, 20].map((t, i) => reading(i, t)));
    await engine.drain();
    expect(calls).toEqual(["raise:temperature_high:3", "bump:temperature_high:1", "clear:temperature_high"]);

    calls.length = 0;
    engine.observe([80, 80, 80].map((t, i) => reading(10 + i, t)));
    await engine.drain();
    open.clear(); // a person cleared it
    engine.observe([81, 82].map((t, i) => reading(20 + i, t)));
    await engine.drain();
    engine.observe([83, 84, 85].map((t, i) => reading(30 + i, t)));
    await engine.drain();
    // The repeat found nothing open: no new alert while the breach goes on.
    expect(calls).toEqual(["raise:temperature_high:3", "bump:temperature_high:2"]);
    engine.observe([20, 80, 80, 80].map((t, i) => reading(40 + i, t)));
    await engine.drain();
    expect(calls.at(-1)).toBe("raise:temperature_high:3");
  });
  it("clears an open alert with the device's next reading once an admin removes its threshold", async () => {
    const { store, calls, open } = recordingStore();
    const defaults = { forReadings: 3, forSeconds: 0, clearMarginPct: 5 };
    let rules = resolveRules("sensor", undefined, defaults);
    const changing = { get: async (ids: number[]) => new Map(ids.map((id) => [id, { deviceId: id, type: "sensor", rules, fetchedAt: 0 }])) };
    const published: string[] = [];
    const engine = new AlertEngine(store, changing, async (c) => void published.push(`${c.action}:${c.alert.alert_type}`), { bumpMs: 60_000 });
    engine.observe([reading(1, 80), reading(2, 80), reading(3, 80)]);
    await engine.drain();
    expect(open.has("temperature_high")).toBe(true);

    // The device's configuration now keeps only a lower temperature line; the value is still 80.
    rules = resolveRules("sensor", { thresholds: { temperature: { min: -10 } } }, defaults);
    engine.observe([reading(4, 80)]);
    await engine.drain();
    expect(open.has("temperature_high")).toBe(false);
    expect(published).toEqual(["raised:temperature_high", "cleared:temperature_high"]);
    // And nothing is raised again for it.
    engine.observe([reading(5, 90), reading(6, 90), reading(7, 90)]);
    await engine.drain();
    expect(calls.filter((c) => c.startsWith("raise"))).toHaveLength(1);
  });
});
