import type { Actor } from "@/lib/audit";
import { db } from "@/lib/db";
import { moveDevice } from "@/lib/inventory/service";

/**
 * Makes in-stock units look delivered (in_stock → reserved → sold), audited, for the demo and
 * tests where no order exists. Real units get there through orders and deliveries.
 */
export async function markUnitsDelivered(deviceIds: number[], actor: Actor = { system: "demo-fleet" }): Promise<number[]> {
  const moved: number[] = [];
  for (const id of deviceIds) {
    await db().$transaction(async (tx) => {
      const device = await tx.device.findUnique({ where: { id }, select: { status: true } });
      if (device?.status !== "in_stock") return;
      await moveDevice(tx, id, "reserved", actor, { reason: "demo fleet: reserved without an order" });
      await moveDevice(tx, id, "sold", actor, { reason: "demo fleet: delivered without an order" });
      moved.push(id);
    });
  }
  return moved;
}
