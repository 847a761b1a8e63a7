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
