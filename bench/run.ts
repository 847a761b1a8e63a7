/** `npm run bench`: every benchmark in turn; each prints its table and saves bench/results/*.json. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const BENCHES = ["bench/devices-list.ts", "bench/orders.ts", "bench/telemetry.ts"].filter((f) => existsSync(f));
let failed = 0;
for (const file of BENCHES) {
  console.log(`\n# ${file}`);
  const result = spawnSync("npx", ["tsx", file], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
