// Compiles the long-running non-Next processes (telemetry worker, realtime server, simulator) and
// the start-up scripts (migrate, seed, demo fleet) to plain JavaScript in dist/, so production
// runs `node dist/…` without tsx or TypeScript. Dependencies stay external (node_modules), the
// project's own code (lib/, the generated Prisma client) is bundled in. `npm run build:workers`.
import { build } from "esbuild";

const entryPoints = {
  "workers/telemetry-worker": "workers/telemetry-worker.ts",
  "workers/realtime-server": "workers/realtime-server.ts",
  "simulator/index": "simulator/index.ts",
  "scripts/migrate": "scripts/migrate.ts",
  "scripts/seed": "scripts/seed.ts",
  "scripts/demo-fleet": "scripts/demo-fleet.ts",
};

await build({
  entryPoints,
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
console.log(`built ${Object.keys(entryPoints).length} entry points into dist/`);
