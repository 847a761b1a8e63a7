/**
 * Streaming anomaly detection per device and metric: pure, in memory, O(1) amortised per reading.
 *
 * Each (device, metric) keeps a small model learned online from its own history:
 *  - a forecast: Holt's level + trend, updated with residuals clipped to ±2σ so that outliers
 *    barely move it, and re-anchored on a seasonal hour-of-day baseline after a long silence;
 *  - the spread of recent forecast errors (a window of residuals: median, IQR and the 0.5 % /
 *    99.5 % quantiles), so a bursty metric (CPU) learns that bursts are normal;
 *  - a two-sided CUSUM of the clipped robust z-scores, which catches a drift long before it
 *    leaves the expected range;
 *  - the metric's repeat rate, so that a value frozen for longer than chance allows is "stuck".
 * Nothing is judged during warm-up. Every finding explains itself: expected value and range,
 * observed value, score.
 */
import type { Metric } from "@/lib/telemetry/schema";

export type AnomalyKind = "spike" | "drift" | "stuck";
/** Which deviations matter: memory falling (freed) or a battery rising (charged) is no anomaly. */
export type Direction = "both" | "up" | "down";

export interface AnomalyFinding {
  metric: string;
  kind: AnomalyKind;
  observed: number;
  expected: number;
  low: number;
  high: number;
  /** spike: robust z-score; drift: CUSUM statistic; stuck: −log10 of the run's chance. */
  score: number;
  /** The model's basis: recent history, or the seasonal (hour of day) baseline after a gap. */
  baseline: "recent" | "seasonal";
  message: string;
}

export interface AnomalyOptions {
  /** Readings a metric must have seen before it is judged. */
  warmup: number;
  /** Residuals kept to learn the spread of forecast errors. */
  window: number;
  /** Expected range = forecast + [q0.5 %, q99.5 %] of residuals, widened by this many IQRs. */
  rangeIqr: number;
  cusumSlack: number;
  cusumLimit: number;
  /** A frozen value is "stuck" when repeatRate^(repeats) falls below this. */
  stuckChance: number;
  /** The same for several metrics of one device repeating at once (the product of their chances). */
  deviceStuckChance: number;
  /** After this many anomalous readings in a row, the new regime is accepted and learned. */
  relearnAfter: number;
  /** Holt smoothing weights tried side by side; the one with the smallest recent error forecasts. */
  alphas: number[];
  beta: number;
  /** A silence longer than this re-anchors the forecast (seasonal baseline if learned). */
  maxGapMs: number;
  directions: Partial<Record<Metric | string, Direction>>;
}

export const DEFAULT_ANOMALY_OPTIONS: AnomalyOptions = {
  warmup: 60,
  window: 300,
  rangeIqr: 1.5,
  cusumSlack: 0.5,
  cusumLimit: 7,
  stuckChance: 1e-5,
  deviceStuckChance: 1e-7,
  relearnAfter: 20,
  // Low for noise around a smooth curve (temperature), high for a random walk (memory, battery).
  alphas: [0.15, 0.5, 0.9],
  beta: 0.1,
  maxGapMs: 30 * 60_000,
  directions: { temperature: "both", humidity: "both", cpu_usage: "up", memory_usage: "up", battery_level: "down" },
};

const round = (v: number) => Math.round(v * 1000) / 1000;
const HOUR_MS = 3_600_000;

function quantile(sorted: Float64Array, q: number) {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Holt's linear smoothing with one weight, scored by its recent squared error. */
class Holt {
  level = 0;
  trend = 0;
  error = 0;
  private saved: { level: number; trend: number; n: number }[] = [];

  constructor(
    private readonly alpha: number,
    private readonly beta: number,
  ) {}

  get forecast() {
    return this.level + this.trend;
  }

  learn(x: number, clip: (residual: number) => number, n: number) {
    const e = x - this.forecast;
    this.error += (e * e - this.error) * 0.02;
    const c = clip(e);
    this.level = this.forecast + this.alpha * c;
    this.trend += this.alpha * this.beta * c;
    this.saved.push({ level: this.level, trend: this.trend, n });
    if (this.saved.length > 8) this.saved.shift();
  }

  /** Back to the state of a few readings ago, projected to reading `n − 1`. */
  rollback(n: number) {
    const s = this.saved[0];
    if (!s) return;
    this.trend = s.trend;
    this.level = s.level + s.trend * (n - s.n - 1);
    this.saved = [];
  }
}

/** One device's one metric. */
export class MetricModel {
  private n = 0;
  private holts: Holt[];
  private lastAt = 0;
  private last = NaN;
  private residuals: Float64Array;
  private filled = 0;
  private next = 0;
  private sinceStats = Infinity;
  private stats = { median: 0, iqr: 0, sigma: 1, lo: 0, hi: 0 };
  private cusumUp = 0;
  private cusumDown = 0;
  private run = 1;
  private repeats = 0;
  private transitions = 0;
  private anomalousInRow = 0;
  /** While an anomaly lasts the model is frozen; it ends after `calmToEnd` readings back in range. */
  private inEpisode = false;
  private calm = 0;
  /** The finest step the metric moves by (its resolution): the expected range is never narrower. */
  private quantum = Infinity;
  // Hour-of-day baseline: an exponentially weighted mean per hour and how much it has seen.
  private hourMean = new Float64Array(24);
  private hourSeen = new Uint32Array(24);

  constructor(
    readonly metric: string,
    private readonly o: AnomalyOptions,
  ) {
    this.residuals = new Float64Array(o.window);
    this.holts = o.alphas.map((a) => new Holt(a, o.beta));
  }

  private get best(): Holt {
    return this.holts.reduce((a, b) => (b.error < a.error ? b : a));
  }

  private get direction(): Direction {
    return this.o.directions[this.metric] ?? "both";
  }

  private seasonal(at: number): number | undefined {
    // Each hour's mean belongs to its centre (hh:30); interpolating between centres leaves no step at the hour.
    const h = (((at / HOUR_MS - 0.5) % 24) + 24) % 24;
    const a = Math.floor(h);
    const b = (a + 1) % 24;
    if (this.hourSeen[a] < 30 || this.hourSeen[b] < 30) return undefined;
    return this.hourMean[a] + (this.hourMean[b] - this.hourMean[a]) * (h - a);
  }

  private refreshStats() {
    const sorted = this.residuals.slice(0, this.filled).sort();
    const q1 = quantile(sorted, 0.25);
    const q3 = quantile(sorted, 0.75);
    const iqr = Math.max(q3 - q1, Number.isFinite(this.quantum) ? 2 * this.quantum : 0, 1e-6);
    const median = quantile(sorted, 0.5);
    let lo = quantile(sorted, 0.005);
    let hi = quantile(sorted, 0.995);
    // A bursty metric (CPU): bursts as large as the largest one seen lately are its normal.
    if (hi - median > 8 * (iqr / 1.349)) hi = sorted[sorted.length - 1];
    if (median - lo > 8 * (iqr / 1.349)) lo = sorted[0];
    this.stats = { median, iqr, sigma: iqr / 1.349, lo, hi };
    this.sinceStats = 0;
  }

  private remember(residual: number) {
    this.residuals[this.next] = residual;
    this.next = (this.next + 1) % this.residuals.length;
    this.filled = Math.min(this.filled + 1, this.residuals.length);
    if (++this.sinceStats >= 25 || this.n < this.o.warmup) this.refreshStats();
  }

  private learn(at: number, x: number, residual: number) {
    const { sigma, median } = this.stats;
    // Outliers move the forecast by at most 2σ, once there is a spread to measure σ by.
    const clip = (e: number) => (this.n < 10 ? e : Math.max(median - 2 * sigma, Math.min(median + 2 * sigma, e)));
    for (const h of this.holts) h.learn(x, clip, this.n);
    // An unjudged outlier (in warm-up) must not blind the range for a whole window.
    this.remember(this.n < 10 ? residual : Math.max(median - 30 * sigma, Math.min(median + 30 * sigma, residual)));
    const hour = Math.floor((at / HOUR_MS) % 24);
    const weight = Math.max(1 / ++this.hourSeen[hour], 0.02);
    this.hourMean[hour] += (x - this.hourMean[hour]) * weight;
  }

  /** Moves the forecast to `value`; the trend (a battery's drain, a memory leak) is kept. */
  private reanchor(value: number) {
    for (const h of this.holts) h.level = value - h.trend;
    this.cusumUp = this.cusumDown = 0;
    this.anomalousInRow = 0;
    this.inEpisode = false;
    this.calm = 0;
  }

  private pending?: { at: number; x: number; forecast: number; residual: number; first: boolean; repeated: boolean };

  /** Judges a reading against what the model has learned so far; `settle` then learns from it. */
  assess(at: number, x: number): AnomalyFinding | null {
    const first = this.n === 0;
    let baseline: AnomalyFinding["baseline"] = "recent";
    let judge = this.n >= this.o.warmup;
    if (first) {
      for (const h of this.holts) h.level = x;
    } else if (at - this.lastAt > this.o.maxGapMs) {
      const seasonal = this.seasonal(at);
      if (seasonal === undefined) {
        this.reanchor(x);
        judge = false;
      } else {
        this.reanchor(seasonal);
        baseline = "seasonal";
      }
    }
    if (!first && x !== this.last) this.quantum = Math.min(this.quantum, Math.abs(x - this.last));
    const forecast = first ? x : this.best.forecast;
    const residual = x - forecast;
    const repeated = !first && x === this.last;
    this.run = repeated ? this.run + 1 : 1;
    this.pending = { at, x, forecast, residual, first, repeated };
    return judge ? this.judge(x, forecast, residual, baseline) : null;
  }

  /**
   * Learns from the assessed reading, unless it was anomalous: then the model freezes (its
   * forecast still follows the trend) until values are back in range for a few readings.
   */
  settle(anomalous: boolean, stuck: boolean) {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    // A frozen sensor must not teach the model that values repeat.
    if (!p.first && !stuck) {
      this.transitions++;
      if (p.repeated) this.repeats++;
    }
    if (anomalous && !stuck) {
      // The spread still learns, at the range's edge: bursts that keep coming (CPU) widen the range
      // step by step until they are normal, while a rare spike widens it only a little.
      const { iqr, lo, hi } = this.stats;
      this.remember(Math.max(lo - this.o.rangeIqr * iqr, Math.min(hi + this.o.rangeIqr * iqr, p.residual)));
    }
    if (anomalous) {
      // The readings just before detection were already part of the anomaly: forget what they taught.
      if (!this.inEpisode) this.rollback();
      this.inEpisode = true;
      this.calm = 0;
    } else if (this.inEpisode && ++this.calm >= 3) {
      this.inEpisode = false;
    }
    if (!this.inEpisode) {
      this.anomalousInRow = 0;
      this.learn(p.at, p.x, p.residual);
    } else if (anomalous && !stuck && ++this.anomalousInRow >= this.o.relearnAfter) {
      // Anomalous for this long, it is the new normal: learn from here.
      this.reanchor(p.x);
    } else {
      for (const h of this.holts) h.level += h.trend;
    }
    this.n++;
    this.lastAt = p.at;
    this.last = p.x;
  }

  private rollback() {
    for (const h of this.holts) h.rollback(this.n);
  }

  observe(at: number, x: number): AnomalyFinding | null {
    const finding = this.assess(at, x);
    this.settle(finding !== null, finding?.kind === "stuck");
    return finding;
  }

  /** The chance of the current run of equal values by the metric's history (1 when not repeating). */
  get runChance(): number {
    return this.run < 2 ? 1 : ((this.repeats + 1) / (this.transitions + 2)) ** (this.run - 1);
  }

  get warmedUp(): boolean {
    return this.n > this.o.warmup;
  }

  private judge(x: number, forecast: number, residual: number, baseline: AnomalyFinding["baseline"]): AnomalyFinding | null {
    const { median, iqr, sigma, lo, hi } = this.stats;
    const low = forecast + lo - this.o.rangeIqr * iqr;
    const high = forecast + hi + this.o.rangeIqr * iqr;
    const z = (residual - median) / sigma;
    const up = this.direction !== "down";
    const down = this.direction !== "up";
    const base = { metric: this.metric, observed: x, expected: round(forecast + median), low: round(low), high: round(high), baseline };

    if ((up && x > high) || (down && x < low)) {
      this.cusumUp = this.cusumDown = 0;
      return { ...base, kind: "spike", score: round(Math.abs(z)), message: `${this.metric} ${x} is outside the expected ${round(low)} … ${round(high)} (robust z ${round(z)})` };
    }
    if ((!up && x > high) || (!down && x < low)) {
      // A jump the way that does not matter (memory freed, battery charged): learn the new level.
      this.reanchor(x);
      return null;
    }
    const repeatRate = (this.repeats + 1) / (this.transitions + 2);
    const chance = repeatRate ** (this.run - 1);
    if (this.run >= 3 && chance < this.o.stuckChance) {
      return {
        ...base,
        kind: "stuck",
        score: round(-Math.log10(chance)),
        message: `${this.metric} has read ${x} ${this.run} times in a row; by its history (repeat rate ${round(repeatRate)}) that happens by chance ${chance.toExponential(1)}`,
      };
    }
    // A bursty metric (far tails relative to its spread) gets no drift test: bursts would add up.
    if (hi - median > 8 * sigma) return null;
    const zc = Math.max(-3, Math.min(3, z));
    this.cusumUp = Math.max(0, this.cusumUp + zc - this.o.cusumSlack);
    this.cusumDown = Math.max(0, this.cusumDown - zc - this.o.cusumSlack);
    const cusum = up && this.cusumUp > this.o.cusumLimit ? this.cusumUp : down && this.cusumDown > this.o.cusumLimit ? -this.cusumDown : 0;
    if (!cusum) return null;
    this.cusumUp = this.cusumDown = 0;
    return {
      ...base,
      kind: "drift",
      score: round(Math.abs(cusum)),
      message: `${this.metric} is drifting ${cusum > 0 ? "up" : "down"}: ${x} against an expected ${round(forecast + median)} (CUSUM ${round(Math.abs(cusum))} > ${this.o.cusumLimit})`,
    };
  }
}

/** All devices' models; feed it readings in each device's time order. */
export class AnomalyDetector {
  private models = new Map<string, MetricModel>();
  readonly options: AnomalyOptions;

  constructor(options: Partial<AnomalyOptions> = {}) {
    this.options = { ...DEFAULT_ANOMALY_OPTIONS, ...options };
  }

  observe(deviceId: number | string, at: Date | number, metrics: Partial<Record<string, number>>): AnomalyFinding[] {
    const t = typeof at === "number" ? at : at.getTime();
    const findings: AnomalyFinding[] = [];
    const frozen: string[] = [];
    const assessed: [MetricModel, AnomalyFinding | null][] = [];
    let joint = 1;
    for (const [metric, value] of Object.entries(metrics)) {
      if (typeof value !== "number" || !Number.isFinite(value)) continue;
      const key = `${deviceId}\u0000${metric}`;
      let model = this.models.get(key);
      if (!model) this.models.set(key, (model = new MetricModel(metric, this.options)));
      const finding = model.assess(t, value);
      if (finding) findings.push(finding);
      assessed.push([model, finding]);
      if (model.warmedUp && model.runChance < 1) {
        joint *= model.runChance;
        frozen.push(`${metric} ${value}`);
      }
    }
    const deviceStuck = frozen.length >= 2 && joint < this.options.deviceStuckChance;
    for (const [model, finding] of assessed) {
      const stuck = finding?.kind === "stuck" || (deviceStuck && model.runChance < 1);
      model.settle(finding !== null || stuck, stuck);
    }
    // Several sensors repeating at once is far less likely than any one of them: a frozen device.
    if (deviceStuck && !findings.some((f) => f.kind === "stuck")) {
      findings.push({
        metric: "*",
        kind: "stuck",
        observed: NaN,
        expected: NaN,
        low: NaN,
        high: NaN,
        score: Math.round(-Math.log10(joint) * 1000) / 1000,
        baseline: "recent",
        message: `${frozen.length} metrics repeat their last value at once (${frozen.join(", ")}); by their history that happens by chance ${joint.toExponential(1)}`,
      });
    }
    return findings;
  }

  forget(deviceId: number | string) {
    for (const key of this.models.keys()) if (key.startsWith(`${deviceId}\u0000`)) this.models.delete(key);
  }
}
