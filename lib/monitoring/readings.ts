import type { Filter, ObjectId } from "mongodb";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { COLLECTIONS, telemetryDb, type ReadingDoc } from "@/lib/telemetry/mongo";
import { afterTimeCursor, decodeTimeCursor, encodeTimeCursor } from "./cursor";
import { canWatchDevice, FIELD_STATUSES, visibleDeviceIds } from "./ownership";
import type { ReadingsQuery } from "./schemas";

type StoredReading = ReadingDoc & { _id: ObjectId };

/** A stored reading as the API answers it; ReadingDto is its type. */
export const readingDtoSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{24}$/),
  deviceId: z.number().int().positive(),
  timestamp: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
  /** temperature, humidity, cpu_usage, memory_usage, battery_level: whichever the device sent. */
  metrics: z.partialRecord(z.string(), z.number()),
  location: z.strictObject({ lat: z.number(), lng: z.number() }).nullable(),
  rawData: z.record(z.string(), z.unknown()).nullable(),
});
export type ReadingDto = z.infer<typeof readingDtoSchema>;

export function toReadingDto(doc: StoredReading): ReadingDto {
  return {
    id: doc._id.toHexString(),
    deviceId: doc.device_id,
    timestamp: doc.timestamp.toISOString(),
    receivedAt: doc.receivedAt.toISOString(),
    metrics: { ...doc.metrics },
    location: doc.location ? { lat: doc.location.lat, lng: doc.location.lng } : null,
    rawData: doc.raw_data ?? null,
  };
}

/** Without a deviceId, readings are merged per device; past this many devices a deviceId is required. */
export const MAX_MERGED_DEVICES = 20;

/** 404 unless the user may watch the device (others' devices do not exist for them). */
export async function assertWatchable(user: SessionUser, deviceId: number): Promise<void> {
  if (!(await canWatchDevice(user, deviceId))) throw notFound("Device");
}

export const timeRange = (from?: Date, to?: Date) =>
  from || to ? { timestamp: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } } : {};

/**
 * Readings newest first. Every query has an equality on device_id: FerretDB pushes only that
 * down to PostgreSQL and would scan the whole collection for `$in` or a bare range.
 */
export async function listReadings(user: SessionUser, query: ReadingsQuery): Promise<Page<ReadingDto>> {
  const deviceIds = query.deviceId ? [query.deviceId] : await devicesToMerge(user);
  if (query.deviceId) await assertWatchable(user, query.deviceId);
  const cursor = query.cursor ? decodeTimeCursor(query.cursor) : undefined;
  const col = telemetryDb().collection<StoredReading>(COLLECTIONS.data);
  const pages = await Promise.all(
    deviceIds.map(async (deviceId) => {
      const base: Filter<StoredReading> = { device_id: deviceId, ...timeRange(query.from, query.to) };
      const filter = cursor ? { $and: [base, afterTimeCursor("timestamp", cursor)] } : base;
      const [docs, total] = await Promise.all([
        col.find(filter as Filter<StoredReading>).sort({ timestamp: -1, _id: -1 }).limit(query.limit + 1).toArray(),
        col.countDocuments(base),
      ]);
      return { docs, total };
    }),
  );
  const merged = pages
    .flatMap((p) => p.docs)
    .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime() || (a._id < b._id ? 1 : -1));
  const items = merged.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(toReadingDto),
    total: pages.reduce((sum, p) => sum + p.total, 0),
    nextCursor: merged.length > query.limit && last ? encodeTimeCursor(last.timestamp, last._id) : null,
  };
}

async function devicesToMerge(user: SessionUser): Promise<number[]> {
  const visible = await visibleDeviceIds(user);
  const ids =
    visible === "all"
      ? (await db().device.findMany({ where: { status: { in: FIELD_STATUSES } }, select: { id: true }, take: MAX_MERGED_DEVICES + 1 })).map((d) => d.id)
      : visible;
  if (ids.length > MAX_MERGED_DEVICES) {
    throw new AppError("validation_failed", `Invalid input — deviceId: is required when more than ${MAX_MERGED_DEVICES} devices are visible`, {
      fields: [{ field: "deviceId", message: `is required when more than ${MAX_MERGED_DEVICES} devices are visible` }],
    });
  }
  return ids;
}

/** The latest reading of a device (location and current values for the detail page). */
export async function latestReading(deviceId: number): Promise<ReadingDto | null> {
  const doc = await telemetryDb().collection<StoredReading>(COLLECTIONS.data).find({ device_id: deviceId }).sort({ timestamp: -1 }).limit(1).toArray();
  return doc[0] ? toReadingDto(doc[0]) : null;
}
