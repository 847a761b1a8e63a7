import type { Db } from "mongodb";
import { telemetryDb } from "@/lib/telemetry/mongo";
import type { Connectivity } from "./alert-model";
import { uptimeOver, type UptimeTotals } from "./connectivity";
import { CONNECTIVITY_HISTORY, type ConnectivityTransition } from "./connectivity-detector";

/**
 * Uptime per device over a range, from the detector's transition history (one small document
 * per change, indexed by device and time): the last transition before the range gives the state
 * it started in, the ones inside it the changes. Never a scan of readings.
 */
export async function readUptime(deviceIds: number[], range: { from: Date; to: Date }, db: Db = telemetryDb()): Promise<Map<number, UptimeTotals>> {
  const col = db.collection<ConnectivityTransition>(CONNECTIVITY_HISTORY);
  const entries = await Promise.all(
    deviceIds.map(async (deviceId) => {
      const [before, inside] = await Promise.all([
        col.find({ device_id: deviceId, at: { $lt: range.from } }, { projection: { _id: 0, to: 1, at: 1 } }).sort({ at: -1 }).limit(1).toArray(),
        col.find({ device_id: deviceId, at: { $gte: range.from, $lt: range.to } }, { projection: { _id: 0, to: 1, at: 1 } }).sort({ at: 1 }).toArray(),
      ]);
      const start: Connectivity = before[0]?.to ?? "never_connected";
      return [deviceId, uptimeOver(start, inside, range)] as const;
    }),
  );
  return new Map(entries);
}
