/**
 * A token bucket per key, in this process's memory: `ratePerSec` tokens refill each second up to
 * `burst`. With several web processes each enforces its own bucket, so a device may get up to
 * N × the rate behind N processes — acceptable for a flood guard, not for billing.
 */
export class TokenBuckets {
  private buckets = new Map<string | number, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
  ) {}

  /** Takes `n` tokens if available; false (and nothing taken) otherwise. */
  take(key: string | number, n = 1, now = Date.now()): boolean {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.ratePerSec);
    b.at = now;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.prune(now);
    if (b.tokens < n) return false;
    b.tokens -= n;
    return true;
  }

  private prune(now: number) {
    for (const [key, b] of this.buckets) if (now - b.at > 60_000) this.buckets.delete(key);
  }
}
