/**
 * Replays a simulated fleet with labelled anomalies through an anomaly detector and scores it
 * against the simulator's ground truth. In process and deterministic for a seed: the benchmark
 * (`npm run bench -- --anomalies`) and the unit test share it.
 *
 * Scoring: the readings a detector flags on one device are grouped into alarm events (flags at
 * most `mergeGap` readings apart). An event is true when it overlaps an anomaly's readings (plus
 * `grace` readings after, for the detector to notice an anomaly's end). Precision = true events
 * / events; recall = labelled anomalies with a flag within their readings (+ grace) / anomalies;
 * delay = readings from the anomaly's first reading to its first flag.
 */
import { SimDevice, prng, type AnomalyKind, type AnomalyLabel } from "./device-model";

export interface ReplayOptions {
  seed: number;
  devices: number;
  readingsPerDevice: number;
  intervalMs: number;
  /** No anomaly before this many readings (the detector's warm-up and some normal history). */
  quietStart: number;
  /** Chance per reading that a device without an anomaly gets one (after a gap of `minSpacing`). */
  anomalyChance: number;
  minSpacing: number;
  kinds: AnomalyKind[];
  mergeGap: number;
  grace: number;
}

export const DEFAULT_REPLAY: ReplayOptions = {
  seed: 20261127,
  devices: 40,
  readingsPerDevice: 3 * 1440,
  intervalMs: 60_000,
  quietStart: 240,
  anomalyChance: 0.01,
  minSpacing: 120,
  kinds: ["spike", "stuck", "drift"],
  mergeGap: 5,
  grace: 10,
};

export interface Detector {
  observe(deviceId: number, at: number, metrics: Partial<Record<string, number>>): unknown[];
}

export interface ReplayScore {
  readings: number;
  anomalies: number;
  alarmEvents: number;
  precision: number;
  recall: number;
  medianDelayReadings: number;
  byKind: Record<string, { anomalies: number; recall: number; medianDelayReadings: number }>;
}

const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function replayFleet(detector: Detector, options: Partial<ReplayOptions> = {}): ReplayScore {
  const o = { ...DEFAULT_REPLAY, ...options };
  const random = prng(o.seed);
  const t0 = Date.UTC(2026, 5, 1);
  let readings = 0;
  const labels: AnomalyLabel[][] = [];
  const flagged: number[][] = [];
  for (let d = 0; d < o.devices; d++) {
    const id = o.seed * 1000 + d + 1;
    const device = new SimDevice(id);
    const flags: number[] = [];
    let quietUntil = o.quietStart;
    for (let i = 0; i < o.readingsPerDevice; i++) {
      const at = t0 + i * o.intervalMs;
      if (!device.anomaly && i >= quietUntil && random() < o.anomalyChance) {
        device.inject(o.kinds[Math.floor(random() * o.kinds.length)], at);
      }
      const reading = device.next(at);
      if (!reading) continue;
      readings++;
      const seq = reading.raw_data!.seq as number;
      if (device.anomaly || device.labels.at(-1)?.lastSeq === seq) quietUntil = i + o.minSpacing;
      if (detector.observe(id, at, reading.metrics).length) flags.push(seq);
    }
    labels.push(device.labels.filter((l) => l.kind !== "silent"));
    flagged.push(flags);
  }

  let events = 0;
  let trueEvents = 0;
  const found: { kind: string; delay: number | null }[] = [];
  for (let d = 0; d < o.devices; d++) {
    const windows = labels[d].map((l) => [l.firstSeq, l.lastSeq + o.grace] as const);
    const flags = flagged[d];
    for (let i = 0; i < flags.length; ) {
      let j = i;
      while (j + 1 < flags.length && flags[j + 1] - flags[j] <= o.mergeGap) j++;
      events++;
      if (windows.some(([a, b]) => flags[i] <= b && flags[j] >= a)) trueEvents++;
      i = j + 1;
    }
    for (const l of labels[d]) {
      const first = flags.find((s) => s >= l.firstSeq && s <= l.lastSeq + o.grace);
      found.push({ kind: l.kind, delay: first === undefined ? null : first - l.firstSeq });
    }
  }
  const score = (items: typeof found) => ({
    anomalies: items.length,
    recall: items.length ? items.filter((f) => f.delay !== null).length / items.length : NaN,
    medianDelayReadings: median(items.flatMap((f) => (f.delay === null ? [] : [f.delay]))),
  });
  const all = score(found);
  return {
    readings,
    anomalies: all.anomalies,
    alarmEvents: events,
    precision: events ? trueEvents / events : NaN,
    recall: all.recall,
    medianDelayReadings: all.medianDelayReadings,
    byKind: Object.fromEntries(o.kinds.map((k) => [k, score(found.filter((f) => f.kind === k))])),
  };
}
