import { z } from "zod";
import type { SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { bucketStart } from "@/lib/telemetry/rollups";
import { COLLECTIONS, telemetryDb, type RollupDoc } from "@/lib/telemetry/mongo";
import { countOpenAlertsBySeverity } from "./alerts";
import { FIELD_STATUSES, visibleDeviceIds } from "./ownership";

const count = z.number().int().min(0);
/** `GET /api/monitoring/stats` without a device: FleetStats is its type. */
export const fleetStatsSchema = z.strictObject({
  devices: count,
  connectivity: z.strictObject({ online: count, offline: count, neverConnected: count }),
  openAlerts: z.strictObject({ info: count, warning: count, critical: count, total: count }),
  ingest: z.strictObject({ readingsPerSec: z.number().min(0), windowStart: z.iso.datetime(), windowEnd: z.iso.datetime() }),
});
export type FleetStats = z.infer<typeof fleetStatsSchema>;

/** Units in the field the user may watch: sold or deployed, and for a customer their own. */
export async function fieldDeviceWhere(user: SessionUser): Promise<{ where: Prisma.DeviceWhereInput; visible: "all" | number[] }> {
  const visible = await visibleDeviceIds(user);
  const where: Prisma.DeviceWhereInput = visible === "all" ? { status: { in: FIELD_STATUSES } } : { id: { in: visible } };
  return { where, visible };
}

/** The fleet at a glance: connectivity counts, open alerts, and the ingest rate of the last full minute. */
export async function getFleetStats(user: SessionUser, now = new Date()): Promise<FleetStats> {
  const { where, visible } = await fieldDeviceWhere(user);
  const [groups, alerts, ingest] = await Promise.all([
    db().device.groupBy({ by: ["connectivity"], where, _count: { _all: true } }),
    countOpenAlertsBySeverity(visible),
    ingestRate(visible, now),
  ]);
  const by = Object.fromEntries(groups.map((g) => [g.connectivity, g._count._all]));
  const connectivity = { online: by.online ?? 0, offline: by.offline ?? 0, neverConnected: by.never_connected ?? 0 };
  return {
    devices: connectivity.online + connectivity.offline + connectivity.neverConnected,
    connectivity,
    openAlerts: { info: alerts.info ?? 0, warning: alerts.warning ?? 0, critical: alerts.critical ?? 0, total: (alerts.info ?? 0) + (alerts.warning ?? 0) + (alerts.critical ?? 0) },
    ingest,
  };
}

/**
 * Readings per second over the last complete minute, from the 1-minute rollups (one document
 * per device and metric): a reading carries several metrics, so a device's readings are its
 * largest metric count. Never a scan of raw readings.
 */
export async function ingestRate(visible: "all" | number[], now = new Date()): Promise<FleetStats["ingest"]> {
  const end = bucketStart(now, 60_000);
  const start = new Date(end.getTime() - 60_000);
  const col = telemetryDb().collection<RollupDoc>(COLLECTIONS.rollups);
  const project = { projection: { device_id: 1, count: 1 } };
  const docs =
    visible === "all"
      ? await col.find({ size: "1m", start }, project).toArray()
      : (await Promise.all(visible.map((deviceId) => col.find({ device_id: deviceId, size: "1m", start }, project).toArray()))).flat();
  const perDevice = new Map<number, number>();
  for (const d of docs) perDevice.set(d.device_id, Math.max(perDevice.get(d.device_id) ?? 0, d.count));
  const readings = [...perDevice.values()].reduce((a, b) => a + b, 0);
  return { readingsPerSec: Math.round((readings / 60) * 100) / 100, windowStart: start.toISOString(), windowEnd: end.toISOString() };
}

export interface FleetDeviceRow {
  id: number;
  name: string;
  serialNumber: string;
  model: string;
  connectivity: string;
  lastSeenAt: string | null;
}

export const FLEET_PAGE_SIZE = 25;

/** The device table of the overview: visible units in the field, a page at a time. */
export async function listFleetDevices(user: SessionUser, page: number): Promise<{ items: FleetDeviceRow[]; total: number }> {
  const { where } = await fieldDeviceWhere(user);
  const [rows, total] = await Promise.all([
    db().device.findMany({
      where,
      orderBy: { id: "asc" },
      skip: page * FLEET_PAGE_SIZE,
      take: FLEET_PAGE_SIZE,
      select: { id: true, name: true, serialNumber: true, model: true, connectivity: true, lastSeenAt: true },
    }),
    db().device.count({ where }),
  ]);
  return { items: rows.map((r) => ({ ...r, lastSeenAt: r.lastSeenAt?.toISOString() ?? null })), total };
}
