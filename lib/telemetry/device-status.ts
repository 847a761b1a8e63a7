import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { moveDevice } from "@/lib/inventory/service";

export interface DeviceSighting {
  deviceId: number;
  /** Device time of the earliest reading in the window (the time of first data). */
  firstAt: Date;
  /** Device time of the latest reading. */
  lastAt: Date;
}

/** Folds sightings of the same device into one (earliest first, latest last). */
export function mergeSightings(sightings: Iterable<DeviceSighting>): DeviceSighting[] {
  const byDevice = new Map<number, DeviceSighting>();
  for (const s of sightings) {
    const have = byDevice.get(s.deviceId);
    if (!have) byDevice.set(s.deviceId, { ...s });
    else {
      if (s.firstAt < have.firstAt) have.firstAt = s.firstAt;
      if (s.lastAt > have.lastAt) have.lastAt = s.lastAt;
    }
  }
  return [...byDevice.values()];
}

/**
 * Applies what the worker saw to the store: `last_seen_at` for every device in one statement
 * (only ever moving forward, never past now), and the first reading from a sold unit makes it
 * deployed — through moveDevice, audited once, dated at the first data.
 */
export async function recordDeviceSightings(input: DeviceSighting[]): Promise<{ deployed: number[] }> {
  const sightings = mergeSightings(input);
  if (sightings.length === 0) return { deployed: [] };
  const ids = sightings.map((s) => s.deviceId);
  const seen = sightings.map((s) => s.lastAt.toISOString());
  await db().$executeRaw`
    UPDATE t_devices d SET last_seen_at = LEAST(v.at, now())
    FROM (SELECT unnest(${ids}::int[]) AS id, unnest(${seen}::timestamptz[]) AS at) v
    WHERE d.id = v.id AND (d.last_seen_at IS NULL OR d.last_seen_at < LEAST(v.at, now()))`;
  const sold = await db().device.findMany({ where: { id: { in: ids }, status: "sold" }, select: { id: true } });
  const deployed: number[] = [];
  for (const { id } of sold) {
    const firstAt = sightings.find((s) => s.deviceId === id)!.firstAt;
    const at = firstAt.getTime() > Date.now() ? new Date() : firstAt;
    try {
      await db().$transaction((tx) =>
        moveDevice(tx, id, "deployed", { system: "telemetry" }, {
          reason: "first telemetry received after delivery",
          at,
          data: { firstDataAt: firstAt.toISOString() },
        }),
      );
      deployed.push(id);
    } catch (error) {
      // Another consumer deployed it first, or an admin moved it meanwhile: nothing to do.
      if (!(error instanceof AppError && (error.code === "conflict" || error.code === "invalid_transition"))) throw error;
    }
  }
  return { deployed };
}
