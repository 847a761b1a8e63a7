import { db } from "@/lib/db";

/** The device types in stock records, for the inventory's type filter. */
export async function listDeviceTypes(): Promise<string[]> {
  const rows = await db().device.findMany({ distinct: ["type"], select: { type: true }, orderBy: { type: "asc" } });
  return rows.map((r) => r.type);
}
