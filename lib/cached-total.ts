/**
 * Exact totals for list pages (a count(*) over the filter), reused for a moment. Every list
 * answer carries `total`; recounting thousands of rows on each request cost more than reading
 * the page itself. A total is reused for at most TOTAL_TTL_MS and never across a write made
 * through this process (apiRoute calls noteWrite() after every request that may write), so a
 * user sees their own change at once; a change made elsewhere (another web instance, the
 * telemetry worker) shows within the TTL.
 */
const TOTAL_TTL_MS = 2_000;
const MAX_ENTRIES = 1_000;

let generation = 0;
const totals = new Map<string, { total: number; at: number; generation: number }>();

/** Something may have changed: totals counted before now are not reused. */
export function noteWrite(): void {
  generation++;
}

export async function cachedTotal(key: string, count: () => Promise<number>, now = Date.now): Promise<number> {
  const hit = totals.get(key);
  if (hit && hit.generation === generation && now() - hit.at < TOTAL_TTL_MS) return hit.total;
  // Tagged with the generation seen before counting: a write that lands meanwhile voids it.
  const seen = generation;
  const startedAt = now();
  const total = await count();
  if (totals.size >= MAX_ENTRIES) totals.clear();
  totals.set(key, { total, at: startedAt, generation: seen });
  return total;
}
