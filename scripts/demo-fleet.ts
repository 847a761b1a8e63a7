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
  // Taken across products in turn, so the shop keeps stock of every demo product.
  const candidates = await db().$queryRaw<{ id: number }[]>`
    SELECT id FROM (
      SELECT id, row_number() OVER (PARTITION BY type, model ORDER BY id) AS n FROM t_devices WHERE status = 'in_stock'
    ) ranked ORDER BY n, id LIMIT ${missing}`;
  const moved = await markUnitsDelivered(candidates.map((c) => c.id));
  log.info({ inField: inField + moved.length, delivered: moved.length }, "demo fleet ready");
  await db().$disconnect();
}

main().catch((error) => {
  log.error({ err: error }, "demo fleet failed");
  process.exit(1);
});
