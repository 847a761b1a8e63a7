import { isAdmin, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { COLLECTIONS, telemetryDb, type ReadingDoc } from "@/lib/telemetry/mongo";
import type { AlertDoc } from "./alert-model";

export interface TimelineEntry {
  at: string;
  kind: "stock" | "ordered" | "shipped" | "delivered" | "returned" | "deployed" | "first_data" | "alert_raised" | "alert_cleared" | "status";
  label: string;
  /** Admin view only: who and why. */
  actor?: string;
  reason?: string | null;
}

const DEVICE_LABELS: Record<string, [TimelineEntry["kind"], string]> = {
  in_stock: ["stock", "Back in stock"],
  reserved: ["ordered", "Ordered"],
  sold: ["shipped", "Shipped"],
  deployed: ["deployed", "Deployed"],
  maintenance: ["status", "In maintenance"],
  defective: ["status", "Marked defective"],
};

/**
 * A unit's whole story on one line: added to stock, ordered, shipped, delivered, deployed, first
 * data, alerts raised and cleared. A customer sees the part since their order, without staff
 * names or internal reasons; an admin sees everything.
 */
export async function getDeviceTimeline(user: SessionUser, deviceId: number): Promise<TimelineEntry[]> {
  const admin = isAdmin(user);
  const [deviceEvents, deliveryItems, firstReading, alerts] = await Promise.all([
    db().auditEvent.findMany({ where: { entityType: "device", entityId: deviceId }, orderBy: { createdAt: "asc" } }),
    db().deliveryItem.findMany({ where: { deviceId }, select: { deliveryId: true, delivery: { select: { order: { select: { customerId: true, createdAt: true } } } } } }),
    telemetryDb().collection<ReadingDoc>(COLLECTIONS.data).find({ device_id: deviceId }, { projection: { timestamp: 1 } }).sort({ timestamp: 1 }).limit(1).toArray(),
    telemetryDb().collection<AlertDoc>(COLLECTIONS.alerts).find({ device_id: deviceId }).sort({ created_at: -1 }).limit(50).toArray(),
  ]);
  const deliveries = deliveryItems.filter((i) => admin || i.delivery.order.customerId === user.id);
  const deliveryEvents = deliveries.length
    ? await db().auditEvent.findMany({
        where: { entityType: "delivery", entityId: { in: deliveries.map((d) => d.deliveryId) }, action: "status_changed", toStatus: { in: ["delivered", "returned"] } },
      })
    : [];
  // A customer's story starts with their own order (an earlier owner's is not theirs to read).
  const since = admin ? 0 : Math.min(...deliveries.map((d) => d.delivery.order.createdAt.getTime()), Date.now());
  const who = (e: { actorLabel: string; reason: string | null }) => (admin ? { actor: e.actorLabel, reason: e.reason } : {});

  const entries: TimelineEntry[] = [];
  for (const e of deviceEvents) {
    if (e.action === "created") entries.push({ at: e.createdAt.toISOString(), kind: "stock", label: "Added to stock", ...who(e) });
    else if (e.action === "status_changed" && e.toStatus && DEVICE_LABELS[e.toStatus] && (admin || e.createdAt.getTime() >= since - 60_000)) {
      const [kind, label] = DEVICE_LABELS[e.toStatus];
      entries.push({ at: e.createdAt.toISOString(), kind, label, ...who(e) });
    }
  }
  for (const e of deliveryEvents) {
    entries.push({ at: e.createdAt.toISOString(), kind: e.toStatus === "returned" ? "returned" : "delivered", label: e.toStatus === "returned" ? "Returned" : "Delivered", ...who(e) });
  }
  if (firstReading[0] && (admin || firstReading[0].timestamp.getTime() >= since)) {
    entries.push({ at: firstReading[0].timestamp.toISOString(), kind: "first_data", label: "First data received" });
  }
  for (const a of alerts) {
    if (!admin && a.created_at.getTime() < since) continue;
    entries.push({ at: a.created_at.toISOString(), kind: "alert_raised", label: `Alert raised: ${a.message}` });
    if (a.cleared_at) entries.push({ at: a.cleared_at.toISOString(), kind: "alert_cleared", label: `Alert cleared: ${a.alert_type.replaceAll("_", " ")}` });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
