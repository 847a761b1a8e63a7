import type { Metric } from "@/lib/telemetry/schema";

export type Anomaly =
  | { kind: "spike"; left: number }
  | { kind: "stuck"; left: number; values: Partial<Record<Metric, number>> }
  | { kind: "drift"; left: number; offset: number; step: number }
  | { kind: "silent"; until: number }
  /** Overheating / a runaway process: a sustained breach, for alerts that stay open a while. */
  | { kind: "heat" | "cpu"; left: number };
export type AnomalyKind = Anomaly["kind"];

/** Ground truth for measuring detectors: which readings (by the device's sequence number) an anomaly shaped. */
export interface AnomalyLabel {
  kind: AnomalyKind;
  /** `seq` of the first affected reading (for silence: of the first reading after it). */
  firstSeq: number;
  lastSeq: number;
}

export interface SimReading {
  timestamp: string;
  metrics: Partial<Record<Metric, number>>;
  location: { lat: number; lng: number };
  raw_data?: Record<string, unknown>;
}

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/** A small deterministic PRNG so that a device's behaviour is reproducible from its id. */
export function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/**
 * One virtual device: a daily temperature curve (coolest before dawn, warmest mid-afternoon)
 * with noise, humidity moving against it, CPU bursts, slowly leaking memory, a draining battery
 * and a slowly wandering position. Anomalies: spikes, stuck values, silence.
 */
export class SimDevice {
  private random: () => number;
  private battery: number;
  private memory: number;
  private lat: number;
  private lng: number;
  private seq = 0;
  anomaly?: Anomaly;
  /** Every anomaly that shaped a reading, oldest first (bounded: the simulator may run for days). */
  readonly labels: AnomalyLabel[] = [];

  constructor(
    readonly deviceId: number,
    readonly token?: string,
  ) {
    this.random = prng(deviceId * 7919);
    this.battery = 60 + this.random() * 40;
    this.memory = 20 + this.random() * 20;
    this.lat = 48.1 + (this.random() - 0.5) * 0.5;
    this.lng = 11.5 + (this.random() - 0.5) * 0.5;
  }

  /** `readings`/`ms`: how long a sustained anomaly lasts (defaults: 30 readings, 30 s of silence). */
  inject(anomaly: AnomalyKind, now = Date.now(), length?: { readings?: number; ms?: number }) {
    if (anomaly === "spike") this.anomaly = { kind: "spike", left: 3 };
    if (anomaly === "stuck") this.anomaly = { kind: "stuck", left: length?.readings ?? 30, values: this.metricsAt(now) };
    // A temperature sensor losing calibration: an offset growing 0.25 °C a reading for 40 readings.
    if (anomaly === "drift") this.anomaly = { kind: "drift", left: length?.readings ?? 40, offset: 0, step: 0.25 };
    if (anomaly === "silent") this.anomaly = { kind: "silent", until: now + (length?.ms ?? 30_000) };
    if (anomaly === "heat" || anomaly === "cpu") this.anomaly = { kind: anomaly, left: length?.readings ?? 30 };
  }

  private label(kind: AnomalyKind) {
    const last = this.labels.at(-1);
    if (last && last.kind === kind && last.lastSeq === this.seq - 1 && kind !== "silent") last.lastSeq = this.seq;
    else this.labels.push({ kind, firstSeq: this.seq, lastSeq: this.seq });
    if (this.labels.length > 1000) this.labels.shift();
  }

  private noise(scale: number) {
    return (this.random() - 0.5) * 2 * scale;
  }

  private metricsAt(now: number): Partial<Record<Metric, number>> {
    const hour = (now / 3_600_000) % 24;
    // Minimum around 05:00, maximum around 15:00.
    const temperature = 18 + 7 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + this.noise(0.4);
    const humidity = clamp(55 - (temperature - 18) * 2 + this.noise(2), 0, 100);
    const cpu = clamp(this.random() < 0.05 ? 70 + this.random() * 30 : 10 + this.noise(8) + 10, 0, 100);
    this.memory = this.memory > 85 ? 25 : this.memory + this.random() * 0.05; // leak, then a restart
    this.battery = Math.max(0, this.battery - 0.002 - this.random() * 0.002);
    return {
      temperature: round(temperature),
      humidity: round(humidity),
      cpu_usage: round(cpu),
      memory_usage: round(this.memory),
      battery_level: round(this.battery),
    };
  }

  /** The next reading, or null while the device is silent. */
  next(now = Date.now()): SimReading | null {
    if (this.anomaly?.kind === "silent") {
      if (now < this.anomaly.until) return null;
      this.anomaly = undefined;
      this.label("silent");
    }
    let metrics = this.metricsAt(now);
    if (this.anomaly?.kind === "spike") {
      this.label("spike");
      metrics = { ...metrics, temperature: round(85 + this.random() * 30), cpu_usage: 100 };
      if (--this.anomaly.left <= 0) this.anomaly = undefined;
    } else if (this.anomaly?.kind === "heat") {
      this.label("heat");
      metrics = { ...metrics, temperature: round(72 + this.noise(3)) };
      if (--this.anomaly.left <= 0) this.anomaly = undefined;
    } else if (this.anomaly?.kind === "cpu") {
      this.label("cpu");
      metrics = { ...metrics, cpu_usage: round(clamp(98 + this.noise(2), 96, 100)) };
      if (--this.anomaly.left <= 0) this.anomaly = undefined;
    } else if (this.anomaly?.kind === "stuck") {
      this.label("stuck");
      metrics = { ...this.anomaly.values };
      if (--this.anomaly.left <= 0) this.anomaly = undefined;
    } else if (this.anomaly?.kind === "drift") {
      this.label("drift");
      this.anomaly.offset += this.anomaly.step;
      metrics = { ...metrics, temperature: round(metrics.temperature! + this.anomaly.offset) };
      if (--this.anomaly.left <= 0) this.anomaly = undefined;
    }
    this.lat = clamp(this.lat + this.noise(0.0002), -90, 90);
    this.lng = clamp(this.lng + this.noise(0.0002), -180, 180);
    return {
      timestamp: new Date(now).toISOString(),
      metrics,
      location: { lat: round(this.lat, 6), lng: round(this.lng, 6) },
      raw_data: { seq: this.seq++, fw: "sim-1.0" },
    };
  }
}
