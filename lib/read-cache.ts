/**
 * Reads that many requests repeat (list totals, the inventory's facets, the low-stock warning),
 * reused for a moment. Every list answer carries `total`, and the inventory page shows counts
 * per status and the types in stock: recounting thousands of rows on each request cost more
 * than reading the page itself. A value is reused for at most READ_CACHE_TTL_MS and never across
 * a write made through this process (apiRoute calls noteWrite() after every request that may
 * write), so a user sees their own change at once; a change made elsewhere (another web
 * instance, the telemetry worker) shows within the TTL.
 */
export const READ_CACHE_TTL_MS = 2_000;
const MAX_ENTRIES = 1_000;

let generation = 0;
const entries = new Map<string, { value: unknown; at: number; generation: number }>();

/** Something may have changed: values read before now are not reused. */
export function noteWrite(): void {
  generation++;
}

export async function cachedRead<T>(key: string, load: () => Promise<T>, now = Date.now): Promise<T> {
  const hit = entries.get(key);
  if (hit && hit.generation === generation && now() - hit.at < READ_CACHE_TTL_MS) return hit.value as T;
  // Tagged with the generation seen before reading: a write that lands meanwhile voids it.
  const seen = generation;
  const startedAt = now();
  const value = await load();
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(key, { value, at: startedAt, generation: seen });
  return value;
}
