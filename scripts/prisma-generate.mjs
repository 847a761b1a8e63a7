// Generates the Prisma client without the schema-engine download.
// `prisma generate` never uses the schema engine, but the CLI insists on fetching it first;
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing executable satisfies that check
// (see ../shared/BUILD-NOTES.md). Where the real engine exists, it is used as is.
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
