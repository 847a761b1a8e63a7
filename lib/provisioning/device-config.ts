import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { pushDeviceConfig } from "@/lib/mqtt/config-push";
import { appliedConfigSchema } from "@/lib/telemetry/applied-config";
import { DEFAULT_DEVICE_CONFIG, deviceConfigSchema, type DeviceConfig } from "./schemas";

/** A saved configuration version; DeviceConfigDto is its type. Version 0: the defaults, never saved. */
export const deviceConfigDtoSchema = z.strictObject({
  deviceId: z.number().int().positive(),
  version: z.number().int().min(0),
  config: deviceConfigSchema,
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime().nullable(),
});
export type DeviceConfigDto = z.infer<typeof deviceConfigDtoSchema>;

/** `GET /api/devices/{id}/config`: the desired version beside what the device last reported applying. */
export const deviceConfigViewSchema = deviceConfigDtoSchema.extend({ applied: appliedConfigSchema.nullable() });

async function assertDevice(id: number) {
  const device = await db().device.findUnique({ where: { id }, select: { id: true } });
  if (!device) throw notFound("Device");
}

/** The latest configuration; version 0 with the defaults when none was ever saved. */
export async function getDeviceConfig(user: SessionUser, deviceId: number): Promise<DeviceConfigDto> {
  requirePermission(user, "device:configure");
  await assertDevice(deviceId);
  return readDeviceConfig(deviceId);
}

/** For the worker and monitoring: no permission check. */
export async function readDeviceConfig(deviceId: number): Promise<DeviceConfigDto> {
  const row = await db().deviceConfig.findFirst({ where: { deviceId }, orderBy: { version: "desc" } });
  if (!row) return { deviceId, version: 0, config: DEFAULT_DEVICE_CONFIG, createdBy: null, createdAt: null };
  const author = row.createdById ? await db().user.findUnique({ where: { id: row.createdById }, select: { email: true } }) : null;
  return {
    deviceId,
    version: row.version,
    config: row.config as DeviceConfig,
    createdBy: author?.email ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Saves a new version (never overwrites); two admins saving at once: one gets a 409. */
export async function saveDeviceConfig(user: SessionUser, deviceId: number, config: DeviceConfig): Promise<DeviceConfigDto> {
  requirePermission(user, "device:configure");
  await assertDevice(deviceId);
  const row = await db().$transaction(async (tx) => {
    const last = await tx.deviceConfig.findFirst({ where: { deviceId }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const created = await tx.deviceConfig.create({ data: { deviceId, version, config, createdById: user.id } });
    await recordAudit(tx, { entityType: "device", entityId: deviceId, action: "config_updated", actor: user, data: { version } });
    return created;
  }).catch((error: { code?: string }) => {
    if (error.code === "P2002") throw new AppError("conflict", "The configuration changed meanwhile; reload and try again");
    throw error;
  });
  // Pushed after the commit: a broker outage must not lose the saved version. The device page
  // shows applied against desired, so a push that did not arrive is visible there.
  await pushDeviceConfig(deviceId, { version: row.version, config, issuedAt: row.createdAt.toISOString() }).catch((error: Error) =>
    logger().warn({ deviceId, version: row.version, err: error.message }, "configuration saved but not pushed over MQTT"),
  );
  return { deviceId, version: row.version, config, createdBy: user.email, createdAt: row.createdAt.toISOString() };
}

export async function listDeviceConfigVersions(user: SessionUser, deviceId: number) {
  requirePermission(user, "device:configure");
  await assertDevice(deviceId);
  const rows = await db().deviceConfig.findMany({ where: { deviceId }, orderBy: { version: "desc" }, take: 100 });
  return rows.map((r) => ({ version: r.version, config: r.config, createdById: r.createdById, createdAt: r.createdAt.toISOString() }));
}
