import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { logger } from "@/lib/logger";

const TOKEN_PREFIX = "dvt_";
const LAST_USED_WRITE_MS = 60_000;

export const hashDeviceToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The one answer that carries a device token's secret; IssuedCredential is its type. */
export const issuedCredentialSchema = z.strictObject({
  token: z.string().startsWith(TOKEN_PREFIX),
  prefix: z.string(),
  createdAt: z.iso.datetime(),
});
export type IssuedCredential = z.infer<typeof issuedCredentialSchema>;

export const credentialListSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      prefix: z.string(),
      createdAt: z.iso.datetime(),
      lastUsedAt: z.iso.datetime().nullable(),
      revokedAt: z.iso.datetime().nullable(),
      active: z.boolean(),
    }),
  ),
});
type CredentialSummary = z.infer<typeof credentialListSchema>["items"][number];

/**
 * Issues a device token, shown this once; only its sha256 is stored. Any earlier token of the
 * device is revoked in the same transaction, so a rotation takes effect at once.
 */
export async function issueDeviceCredential(user: SessionUser | null, deviceId: number): Promise<IssuedCredential> {
  if (user) requirePermission(user, "device:configure");
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, 12);
  return db().$transaction(async (tx) => {
    const device = await tx.device.findUnique({ where: { id: deviceId }, select: { id: true } });
    if (!device) throw notFound("Device");
    const now = new Date();
    const { count: rotated } = await tx.deviceCredential.updateMany({ where: { deviceId, revokedAt: null }, data: { revokedAt: now } });
    const row = await tx.deviceCredential.create({
      data: { deviceId, tokenHash: hashDeviceToken(token), prefix, createdById: user?.id ?? null },
    });
    await recordAudit(tx, {
      entityType: "device",
      entityId: deviceId,
      action: rotated ? "credentials_rotated" : "credentials_issued",
      actor: user ?? { system: "provisioning" },
      data: { prefix },
    });
    return { token, prefix, createdAt: row.createdAt.toISOString() };
  });
}

/** Revokes every active token of the device. */
export async function revokeDeviceCredentials(user: SessionUser, deviceId: number): Promise<void> {
  requirePermission(user, "device:configure");
  await db().$transaction(async (tx) => {
    const device = await tx.device.findUnique({ where: { id: deviceId }, select: { id: true } });
    if (!device) throw notFound("Device");
    const { count } = await tx.deviceCredential.updateMany({ where: { deviceId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw new AppError("not_found", "This device has no active credentials");
    await recordAudit(tx, { entityType: "device", entityId: deviceId, action: "credentials_revoked", actor: user });
  });
}

/** The device's tokens without secrets: prefix, when issued, last used, revoked. */
export async function listDeviceCredentials(user: SessionUser, deviceId: number): Promise<CredentialSummary[]> {
  requirePermission(user, "device:configure");
  const device = await db().device.findUnique({ where: { id: deviceId }, select: { id: true } });
  if (!device) throw notFound("Device");
  const rows = await db().deviceCredential.findMany({ where: { deviceId }, orderBy: { createdAt: "desc" }, take: 50 });
  return rows.map((r) => ({
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    active: r.revokedAt === null,
  }));
}

export interface AuthenticatedDevice {
  credentialId: number;
  deviceId: number;
  status: string;
}

const lastUsedWrites = new Map<number, number>();

/** The device behind a bearer token, or 401. `last_used_at` is written at most once a minute. */
export async function authenticateDevice(authorization: string | null): Promise<AuthenticatedDevice> {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token || !token.startsWith(TOKEN_PREFIX)) throw new AppError("unauthorized", "Send the device token as Authorization: Bearer <token>");
  return authenticateDeviceToken(token);
}

/** The device behind a raw token (MQTT passes it as the password), or 401. */
export async function authenticateDeviceToken(token: string): Promise<AuthenticatedDevice> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) throw new AppError("unauthorized", "Unknown or revoked device token");
  const row = await db().deviceCredential.findUnique({
    where: { tokenHash: hashDeviceToken(token) },
    select: { id: true, revokedAt: true, device: { select: { id: true, status: true } } },
  });
  if (!row || row.revokedAt) throw new AppError("unauthorized", "Unknown or revoked device token");
  touchCredential(row.id);
  return { credentialId: row.id, deviceId: row.device.id, status: row.device.status };
}

function touchCredential(id: number) {
  const now = Date.now();
  if (now - (lastUsedWrites.get(id) ?? 0) < LAST_USED_WRITE_MS) return;
  lastUsedWrites.set(id, now);
  if (lastUsedWrites.size > 100_000) lastUsedWrites.clear();
  // Other web processes keep their own map; the condition keeps the write rate bounded anyway.
  const cutoff = new Date(now - LAST_USED_WRITE_MS);
  db()
    .deviceCredential.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] }, data: { lastUsedAt: new Date(now) } })
    .catch((error: Error) => logger().warn({ component: "ingest", err: error }, "device credential last_used_at update failed"));
}
