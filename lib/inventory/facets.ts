import { db } from "@/lib/db";

/** The device types in stock records, for the inventory's type filter. */
export async function listDeviceTypes(): Promise<string[]> {
  const rows = await db().device.findMany({ distinct: ["type"], select: { type: true }, orderBy: { type: "asc" } });
  return rows.map((r) => r.type);
}

/** How many units are in each status, for the inventory's status counts. */
export async function countDevicesByStatus(): Promise<Record<string, number>> {
  const groups = await db().device.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}
