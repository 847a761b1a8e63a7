/**
 * At most one emit per key per `intervalMs`, latest value wins, and the last value always goes
 * out (trailing emit): a device sending 50 readings/s reaches a dashboard as 2/s, and the
 * reading it sent last is the one the chart ends on. The first value after a quiet period goes
 * out at once, so a slow device's readings are not delayed at all.
 */
export class Coalescer<T> {
  private readonly slots = new Map<number, { lastEmit: number; pending?: T; timer?: NodeJS.Timeout }>();
  private readonly sweeper?: NodeJS.Timeout;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (key: number, value: T) => void,
    private readonly isNewer: (candidate: T, current: T) => boolean = () => true,
    private readonly now: () => number = Date.now,
  ) {
    // Forget keys that have been quiet for a while so that memory follows the active devices.
    if (intervalMs > 0) {
      this.sweeper = setInterval(() => this.sweep(), Math.max(10 * intervalMs, 5_000));
      this.sweeper.unref();
    }
  }

  push(key: number, value: T): void {
    if (this.intervalMs <= 0) return this.emit(key, value);
    const now = this.now();
    const slot = this.slots.get(key);
    if (!slot) {
      this.slots.set(key, { lastEmit: now });
      return this.emit(key, value);
    }
    if (slot.pending !== undefined && !this.isNewer(value, slot.pending)) return;
    if (!slot.timer && now - slot.lastEmit >= this.intervalMs) {
      slot.lastEmit = now;
      return this.emit(key, value);
    }
    slot.pending = value;
    slot.timer ??= setTimeout(() => this.flush(key), slot.lastEmit + this.intervalMs - now);
  }

  private flush(key: number) {
    const slot = this.slots.get(key);
    if (!slot) return;
    slot.timer = undefined;
    if (slot.pending === undefined) return;
    const value = slot.pending;
    slot.pending = undefined;
    slot.lastEmit = this.now();
    this.emit(key, value);
  }

  private sweep() {
    const cutoff = this.now() - this.intervalMs;
    for (const [key, slot] of this.slots) if (!slot.timer && slot.lastEmit < cutoff) this.slots.delete(key);
  }

  /** Emits everything still pending (on shutdown) and stops. */
  close(): void {
    clearInterval(this.sweeper);
    for (const [key, slot] of this.slots) {
      clearTimeout(slot.timer);
      if (slot.pending !== undefined) this.emit(key, slot.pending);
    }
    this.slots.clear();
  }

  get size(): number {
    return this.slots.size;
  }
}
