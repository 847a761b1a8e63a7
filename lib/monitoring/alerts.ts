import { ObjectId, type Filter } from "mongodb";
import { isAdmin, type SessionUser } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { Page } from "@/lib/pagination";
import { COLLECTIONS, telemetryDb } from "@/lib/telemetry/mongo";
import { publishEvent } from "@/lib/telemetry/publisher";
import { alertKey, OPEN_SLOT, toAlertDto, type AlertAction, type AlertDoc, type AlertDto, type AlertEvent } from "./alert-model";
import { afterTimeCursor, decodeTimeCursor, encodeTimeCursor } from "./cursor";
import { visibleDeviceIds } from "./ownership";
import { assertWatchable } from "./readings";
import type { AlertsQuery } from "./schemas";

const alerts = () => telemetryDb().collection<AlertDoc>(COLLECTIONS.alerts);

/**
 * Alerts newest first. An admin's list is one query on equalities (status, severity), which
 * FerretDB pushes down; a customer's is one query per owned device, merged.
 */
export async function listAlerts(user: SessionUser, query: AlertsQuery): Promise<Page<AlertDto>> {
  const visible = await visibleDeviceIds(user);
  if (query.deviceId) await assertWatchable(user, query.deviceId);
  const scopes: (number | undefined)[] = query.deviceId ? [query.deviceId] : visible === "all" ? [undefined] : visible;
  const cursor = query.cursor ? decodeTimeCursor(query.cursor) : undefined;
  const pages = await Promise.all(
    scopes.map(async (deviceId) => {
      const base: Filter<AlertDoc> = {
        ...(deviceId ? { device_id: deviceId } : {}),
        ...(query.status !== "all" ? { status: query.status } : {}),
        ...(query.severity ? { severity: query.severity } : {}),
      };
      const filter = cursor ? { $and: [base, afterTimeCursor("created_at", cursor)] } : base;
      const [docs, total] = await Promise.all([
        alerts().find(filter as Filter<AlertDoc>).sort({ created_at: -1, _id: -1 }).limit(query.limit + 1).toArray(),
        alerts().countDocuments(base),
      ]);
      return { docs, total };
    }),
  );
  const merged = pages.flatMap((p) => p.docs).sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || (a._id < b._id ? 1 : -1));
  const items = merged.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map((d) => toAlertDto(d, user.role)),
    total: pages.reduce((s, p) => s + p.total, 0),
    nextCursor: merged.length > query.limit && last ? encodeTimeCursor(last.created_at, last._id) : null,
  };
}

/** An alert the user may see, or a 404 (malformed ids and others' alerts alike). */
async function loadAlert(user: SessionUser, id: string): Promise<AlertDoc> {
  if (!/^[0-9a-f]{24}$/.test(id)) throw notFound("Alert");
  const doc = await alerts().findOne({ _id: new ObjectId(id) });
  if (!doc) throw notFound("Alert");
  await assertWatchable(user, doc.device_id).catch(() => {
    throw notFound("Alert");
  });
  return doc;
}

function requireStaff(user: SessionUser) {
  if (!isAdmin(user)) throw new AppError("forbidden", "Only staff may acknowledge or clear alerts");
}

const staffRef = (user: SessionUser) => ({ id: user.id, email: user.email });

/** Admin: acknowledge an open alert (who, when, note). It stays in its open slot until it clears. */
export async function acknowledgeAlert(user: SessionUser, id: string, note?: string): Promise<AlertDto> {
  const doc = await loadAlert(user, id);
  requireStaff(user);
  const updated = await alerts().findOneAndUpdate(
    { _id: doc._id, status: "open" },
    { $set: { status: "acknowledged", acknowledged: true, acknowledged_at: new Date(), acknowledged_by: staffRef(user), ...(note ? { ack_note: note } : {}) } },
    { returnDocument: "after" },
  );
  if (!updated) throw new AppError("conflict", `The alert is ${(await alerts().findOne({ _id: doc._id }))?.status ?? "gone"}; only an open alert can be acknowledged`);
  await announce("acknowledged", updated);
  return toAlertDto(updated, user.role);
}

/**
 * Admin: clear an open or acknowledged alert by hand. Its slot becomes its own id, which frees
 * the (device, type, "open") key so the worker can raise a fresh alert if the condition returns.
 */
export async function clearAlert(user: SessionUser, id: string): Promise<AlertDto> {
  const doc = await loadAlert(user, id);
  requireStaff(user);
  const updated = await alerts().findOneAndUpdate(
    { _id: doc._id, slot: OPEN_SLOT },
    { $set: { status: "cleared", slot: doc._id.toHexString(), cleared_at: new Date(), cleared_by: staffRef(user) } },
    { returnDocument: "after" },
  );
  if (!updated) throw new AppError("conflict", "The alert is already cleared");
  await announce("cleared", updated);
  return toAlertDto(updated, user.role);
}

/** Publishes the change; a lost event is logged, not fatal (the change is stored; dashboards refetch). */
async function announce(action: AlertAction, doc: AlertDoc): Promise<void> {
  const event: AlertEvent = { v: 1, action, alert: toAlertDto(doc, "CUSTOMER") };
  await publishEvent(alertKey(doc.device_id), event).catch((error: Error) =>
    logger().warn({ err: error, alertId: doc._id.toHexString(), action }, "alert event not published"),
  );
}

/** Open (not yet acknowledged) alerts by severity over the visible devices: what needs someone. */
export async function countOpenAlertsBySeverity(visible: "all" | number[]): Promise<Record<string, number>> {
  const result: Record<string, number> = { info: 0, warning: 0, critical: 0 };
  if (visible === "all") {
    await Promise.all(Object.keys(result).map(async (severity) => (result[severity] = await alerts().countDocuments({ status: "open", severity } as Filter<AlertDoc>))));
    return result;
  }
  for (const deviceId of visible) {
    const docs = await alerts().find({ device_id: deviceId, status: "open" }, { projection: { severity: 1 } }).toArray();
    for (const d of docs) result[d.severity] = (result[d.severity] ?? 0) + 1;
  }
  return result;
}
