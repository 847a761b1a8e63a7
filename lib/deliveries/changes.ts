import { recordAudit } from "@/lib/audit";
import { can, requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { enqueueOrderEmail } from "@/lib/email/outbox";
import { moveDevice } from "@/lib/inventory/service";
import { lockOrder, moveOrder, reservedUnitsOf, type LockedOrder } from "@/lib/orders/transitions";
import { deliveryInclude, type DeliveryDto } from "./dto";
import { presentDelivery } from "./present";
import { deliveryLifecycle, type DeliveryStatus } from "./lifecycle";
import type { ChangeDeliveryStatusInput, ReportIssueInput } from "./schemas";

interface Change {
  to?: DeliveryStatus;
  note?: string;
  label: string;
  damage?: { deviceIds?: number[]; unitStatus: "maintenance" | "defective" };
}

/**
 * Once a parcel changes, the order follows: all parcels returned → the order is cancelled
 * (any unit still held goes back to stock); every remaining parcel delivered and nothing left
 * to ship → the order is delivered.
 */
async function settleOrder(tx: Tx, order: LockedOrder, user: SessionUser): Promise<void> {
  if (order.status !== "shipped" && order.status !== "delivered") return;
  const parcels = await tx.delivery.findMany({ where: { orderId: order.id }, select: { status: true } });
  const active = parcels.filter((p) => p.status !== "returned");
  if (active.length === 0) {
    await moveOrder(tx, order, "cancelled", user, { note: "all deliveries returned" });
  } else if (order.status === "shipped" && active.every((p) => p.status === "delivered")) {
    if ((await reservedUnitsOf(tx, order.id)).length === 0) {
      await moveOrder(tx, order, "delivered", user, { note: "all deliveries delivered" });
    }
  }
}

/** Loads a delivery under its order's lock, checking who may see it (others' are 404). */
async function loadForChange(tx: Tx, user: SessionUser, id: number) {
  const head = await tx.delivery.findUnique({ where: { id }, select: { orderId: true } });
  if (!head) throw notFound("Delivery");
  const order = await lockOrder(tx, head.orderId);
  requirePermission(user, "delivery:read", { ownerId: order.customerId }, "Delivery");
  const delivery = await tx.delivery.findUniqueOrThrow({ where: { id }, include: { items: { select: { deviceId: true } } } });
  return { order, delivery };
}

async function applyChange(user: SessionUser, id: number, change: Change, authorize: (ownerId: number) => void): Promise<DeliveryDto> {
  await db().$transaction(async (tx) => {
    const { order, delivery } = await loadForChange(tx, user, id);
    authorize(order.customerId);
    const from = delivery.status as DeliveryStatus;
    const now = new Date();
    if (change.to) deliveryLifecycle.assertTransition(from, change.to);
    const line = `${now.toISOString()} ${user.email} — ${change.label}${change.note ? `: ${change.note}` : ""}`;
    const { count } = await tx.delivery.updateMany({
      where: { id, status: from },
      data: {
        status: change.to ?? from,
        deliveryNotes: delivery.deliveryNotes ? `${delivery.deliveryNotes}\n${line}` : line,
        ...(change.to === "in_transit" && !delivery.shippedAt ? { shippedAt: now } : {}),
        ...(change.to === "delivered" ? { deliveredAt: now } : {}),
      },
    });
    if (count !== 1) throw new AppError("conflict", "The delivery changed while this request was handled; try again");
    const units = delivery.items.map((i) => i.deviceId);
    if (change.damage) {
      const affected = change.damage.deviceIds ?? units;
      const foreign = affected.filter((d) => !units.includes(d));
      if (foreign.length) {
        throw new AppError("validation_failed", `Invalid input — deviceIds: ${foreign.join(", ")} not in this delivery`, {
          fields: [{ field: "deviceIds", message: `${foreign.join(", ")} not in this delivery` }],
        });
      }
      for (const deviceId of affected) {
        await moveDevice(tx, deviceId, change.damage.unitStatus, user, { reason: `damaged in delivery ${id}: ${change.note}`, data: { deliveryId: id } });
      }
    }
    if (change.to === "returned") {
      // Units that came back unharmed are for sale again; damaged ones stay where damage sent them.
      const sold = await tx.device.findMany({ where: { id: { in: units }, status: "sold" }, select: { id: true } });
      for (const { id: deviceId } of sold) {
        await moveDevice(tx, deviceId, "in_stock", user, { reason: `returned in delivery ${id}`, data: { deliveryId: id } });
      }
    }
    await recordAudit(tx, {
      entityType: "delivery",
      entityId: id,
      action: change.to && change.to !== from ? "status_changed" : "issue_reported",
      fromStatus: from,
      toStatus: change.to ?? from,
      reason: change.note ?? null,
      actor: user,
      data: { label: change.label },
    });
    await recordAudit(tx, {
      entityType: "order",
      entityId: order.id,
      action: "delivery_update",
      reason: `${delivery.trackingNumber}: ${change.label}${change.note ? ` — ${change.note}` : ""}`,
      actor: user,
      data: { deliveryId: id, from, to: change.to ?? from },
    });
    if (change.to === "out_for_delivery" && from !== "out_for_delivery") await enqueueOrderEmail(tx, order.id, "out_for_delivery", id);
    await settleOrder(tx, order, user);
  });
  const fresh = await db().delivery.findUniqueOrThrow({ where: { id }, include: deliveryInclude });
  return presentDelivery(user, fresh);
}

/** Admin: move a parcel along its lifecycle, with an optional note. */
export function changeDeliveryStatus(user: SessionUser, id: number, input: ChangeDeliveryStatusInput): Promise<DeliveryDto> {
  requirePermission(user, "delivery:manage");
  return applyChange(user, id, { to: input.status, note: input.note, label: input.status.replaceAll("_", " ") }, () => {});
}

/** The customer (their own parcel) or an admin confirms receipt → delivered, with delivered_at. */
export function confirmDelivery(user: SessionUser, id: number, note?: string): Promise<DeliveryDto> {
  requirePermission(user, "delivery:confirm");
  const label = can(user, "delivery:manage") ? "delivered (confirmed by the shop)" : "receipt confirmed by the customer";
  return applyChange(user, id, { to: "delivered", note, label }, (ownerId) =>
    requirePermission(user, "delivery:confirm", { ownerId }, "Delivery"),
  );
}

/**
 * Admin: record a delivery issue. Damage sends the affected units to maintenance or defective;
 * a failed attempt or a return moves the parcel (and, for a return, its units and order).
 */
export function reportDeliveryIssue(user: SessionUser, id: number, input: ReportIssueInput): Promise<DeliveryDto> {
  requirePermission(user, "delivery:manage");
  const change: Change = { note: input.note, label: input.kind };
  if (input.kind === "failed" || input.kind === "returned") change.to = input.kind;
  if (input.kind === "damaged") change.damage = { deviceIds: input.deviceIds, unitStatus: input.unitStatus! };
  return applyChange(user, id, change, () => {});
}
