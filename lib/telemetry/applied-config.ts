import { z } from "zod";
import { COLLECTIONS, telemetryDb } from "./mongo";

export const appliedConfigSchema = z.strictObject({ version: z.number().int().min(0), reportedAt: z.iso.datetime() });
export type AppliedConfig = z.infer<typeof appliedConfigSchema>;

/**
 * The configuration version a device last reported (`raw_data.configVersion` in its readings),
 * from its most recent readings only: one equality on device_id, which FerretDB pushes down.
 */
export async function readAppliedConfig(deviceId: number, recent = 50): Promise<AppliedConfig | null> {
  const docs = await telemetryDb()
    .collection(COLLECTIONS.data)
    .find({ device_id: deviceId }, { projection: { timestamp: 1, "raw_data.configVersion": 1 } })
    .sort({ timestamp: -1 })
    .limit(recent)
    .toArray();
  for (const d of docs) {
    const v = (d.raw_data as { configVersion?: unknown } | undefined)?.configVersion;
    if (typeof v === "number" && Number.isInteger(v) && v >= 0) return { version: v, reportedAt: (d.timestamp as Date).toISOString() };
  }
  return null;
}
