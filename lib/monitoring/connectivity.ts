import type { Connectivity } from "./alert-model";

/**
 * Online / offline, pure. A device is online while its latest reading is at most the timeout
 * old, offline after that, and never_connected until it sent anything.
 *
 * The timeout is K × the device's reporting interval, but never below a floor. Why a floor:
 * the worker throttles its `seen` status events to one per device every 5 s, the store applies
 * them in 1 s windows and the detector looks every few seconds, so `last_seen_at` in PostgreSQL
 * can trail a live device by ~6–10 s. A device configured to report every second would otherwise
 * "go offline" between two status events and flap; the default floor (30 s) is several times
 * that lag.
 */
export interface ConnectivityPolicy {
  k: number;
  floorSec: number;
  defaultIntervalSec: number;
}

export function connectivityTimeoutMs(intervalSec: number | null | undefined, policy: ConnectivityPolicy): number {
  const interval = intervalSec && intervalSec > 0 ? intervalSec : policy.defaultIntervalSec;
  return Math.max(policy.k * interval, policy.floorSec) * 1000;
}

export function nextConnectivity(current: Connectivity, lastSeenAt: Date | null, now: Date, timeoutMs: number): Connectivity {
  if (!lastSeenAt) return current;
  return now.getTime() - lastSeenAt.getTime() <= timeoutMs ? "online" : "offline";
}

export interface UptimeTotals {
  onlineMs: number;
  offlineMs: number;
  /** Times the device went offline within the range. */
  outages: number;
  /** online / (online + offline); null when the device was never connected in the range. */
  uptime: number | null;
}

/**
 * Uptime over [from, to) from the connectivity history (the detector's transitions): the state
 * at `from` is the last transition before it (`stateAtStart`), then each transition in the range
 * switches it. Time before the first connection counts neither way.
 */
export function uptimeOver(stateAtStart: Connectivity, transitions: { at: Date; to: Connectivity }[], range: { from: Date; to: Date }): UptimeTotals {
  const inRange = transitions
    .filter((t) => t.at.getTime() >= range.from.getTime() && t.at.getTime() < range.to.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const totals = { onlineMs: 0, offlineMs: 0, outages: 0 };
  let state = stateAtStart;
  let since = range.from.getTime();
  const close = (until: number) => {
    if (state === "online") totals.onlineMs += until - since;
    else if (state === "offline") totals.offlineMs += until - since;
    since = until;
  };
  for (const t of inRange) {
    close(t.at.getTime());
    if (t.to === "offline" && state !== "offline") totals.outages++;
    state = t.to;
  }
  close(range.to.getTime());
  const observed = totals.onlineMs + totals.offlineMs;
  return { ...totals, uptime: observed > 0 ? totals.onlineMs / observed : null };
}
