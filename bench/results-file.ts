import { cpus } from "node:os";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const DIR = "bench/results";
const LATEST = `${DIR}/latest.json`;

/**
 * Adds one scenario's figures to bench/results/latest.json (and a dated copy), next to the
 * machine's CPU count and model, keeping what other scenarios of the run wrote there.
 * `fields` use the fixed dotted names of the harness (`latency.p99Ms` → { latency: { p99Ms } }).
 */
export function recordResults(fields: Record<string, number | string | boolean | null>): void {
  mkdirSync(DIR, { recursive: true });
  const latest = existsSync(LATEST) ? (JSON.parse(readFileSync(LATEST, "utf8")) as Record<string, unknown>) : {};
  latest.machine = { cpus: cpus().length, model: cpus()[0]?.model ?? "unknown" };
  latest.updatedAt = new Date().toISOString();
  for (const [path, value] of Object.entries(fields)) {
    const keys = path.split(".");
    let node = latest as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = value;
  }
  const text = JSON.stringify(latest, null, 2);
  writeFileSync(LATEST, text);
  writeFileSync(`${DIR}/${new Date().toISOString().slice(0, 10)}.json`, text);
}
