/**
 * Makes N seeded in-stock units look delivered (in_stock → reserved → sold, audited with actor
 * system:demo-fleet), so the simulator may send for them and their first reading deploys them.
 *   npx tsx scripts/demo-fleet.ts --devices 20
 */
import { parseArgs } from "node:util";
import { configOrExit } from "@/lib/config";
import { db } from "@/lib/db";
import { markUnitsDelivered } from "@/lib/provisioning/fleet";
import { setProcessLogger } from "@/lib/logger";

configOrExit();
const log = setProcessLogger("demo-fleet");
const { values } = parseArgs({ options: { devices: { type: "string", default: "20" } } });
const wanted = Number(values.devices);

async function main() {
  const inField = await db().device.count({ where: { status: { in: ["sold", "deployed"] } } });
  const missing = Math.max(0, wanted - inField);
  const candidates = await db().device.findMany({ where: { status: "in_stock" }, orderBy: { id: "asc" }, take: missing, select: { id: true } });
  const moved = await markUnitsDelivered(candidates.map((c) => c.id));
  log.info({ inField: inField + moved.length, delivered: moved.length }, "demo fleet ready");
  await db().$disconnect();
}

main().catch((error) => {
  log.error({ err: error }, "demo fleet failed");
  process.exit(1);
});
