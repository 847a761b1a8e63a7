import { recordAudit } from "@/lib/audit";
import { isAdmin, requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { moveDevice } from "@/lib/inventory/service";
import { orderLifecycle } from "@/lib/orders/lifecycle";
import { enqueueOrderEmail } from "@/lib/email/outbox";
import { lockOrder, moveOrder, reservedUnitsOf } from "@/lib/orders/transitions";
import { afterNewestFirstCursor, encodeCursor, type Page } from "@/lib/pagination";
import { deliveryInclude, type DeliveryDto } from "./dto";
import { presentDeliveries, presentDelivery } from "./present";
import type { CreateDeliveryInput, ListDeliveriesQuery } from "./schemas";

export { changeDeliveryStatus, confirmDelivery, reportDeliveryIssue } from "./changes";

/** Admins see every delivery; customers the deliveries of their own orders. */
export async function listDeliveries(user: SessionUser, query: ListDeliveriesQuery): Promise<Page<DeliveryDto>> {
  requirePermission(user, "delivery:read");
  const where: Prisma.DeliveryWhereInput = {};
  if (query.status) where.status = query.status;
  if (query.orderId) where.orderId = query.orderId;
  if (!isAdmin(user)) where.order = { customerId: user.id };
  if (query.q) {
    where.OR = [
      { trackingNumber: { contains: query.q, mode: "insensitive" } },
      { order: { orderNumber: { contains: query.q, mode: "insensitive" } } },
    ];
  }
  const pageWhere = afterNewestFirstCursor(where, query.cursor);
  const [rows, total] = await Promise.all([
    db().delivery.findMany({ where: pageWhere, include: deliveryInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 }),
    db().delivery.count({ where }),
  ]);
  const items = await presentDeliveries(user, rows.slice(0, query.limit));
  const last = items.at(-1);
  return { items, total, nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

export async function getDelivery(user: SessionUser, id: number): Promise<DeliveryDto> {
  const delivery = await db().delivery.findUnique({ where: { id }, include: deliveryInclude });
  if (!delivery) throw notFound("Delivery");
  requirePermission(user, "delivery:read", { ownerId: delivery.order.customerId }, "Delivery");
  return presentDelivery(user, delivery);
}

/**
 * Ships an order (or part of it): a delivery with carrier and tracking number for units the
 * order holds; those units become `sold` and the order `shipped`, all in one transaction.
 */
export async function createDelivery(user: SessionUser, input: CreateDeliveryInput): Promise<DeliveryDto> {
  requirePermission(user, "delivery:manage");
  const id = await db().$transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId).catch((error) => {
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
      throw new AppError("validation_failed", "Invalid input — orderId: no such order", {
        fields: [{ field: "orderId", message: "no such order" }],
      });
    });
    // The first parcel ships a processing order; later ones complete a partial shipment.
    if (order.status !== "shipped") orderLifecycle.assertTransition(order.status, "shipped");
    const held = await reservedUnitsOf(tx, order.id);
    const units = input.deviceIds ?? held;
    const foreign = units.filter((d) => !held.includes(d));
    if (foreign.length) {
      throw new AppError("validation_failed", `Invalid input — deviceIds: ${foreign.join(", ")} not waiting to ship in this order`, {
        fields: [{ field: "deviceIds", message: `${foreign.join(", ")} not waiting to ship in this order` }],
      });
    }
    if (!units.length) throw new AppError("conflict", "Every unit of this order has already been shipped");
    const now = new Date();
    const delivery = await tx.delivery.create({
      data: {
        orderId: order.id,
        deviceId: units.length === 1 ? units[0] : null,
        carrier: input.carrier,
        trackingNumber: input.trackingNumber,
        status: input.status,
        shippedAt: input.status === "in_transit" ? now : null,
        items: { create: units.map((deviceId) => ({ deviceId })) },
      },
    });
    const shipment = { deliveryId: delivery.id, carrier: input.carrier, trackingNumber: input.trackingNumber };
    for (const deviceId of units) {
      await moveDevice(tx, deviceId, "sold", user, { reason: `shipped with order ${order.orderNumber}`, data: shipment });
    }
    await recordAudit(tx, { entityType: "delivery", entityId: delivery.id, action: "created", toStatus: input.status, actor: user, data: shipment });
    const note = `${input.carrier} ${input.trackingNumber}`;
    if (order.status === "shipped") {
      await recordAudit(tx, { entityType: "order", entityId: order.id, action: "delivery_created", reason: note, actor: user, data: shipment });
    } else {
      await moveOrder(tx, order, "shipped", user, { note, data: shipment });
    }
    // Each parcel is its own "shipped" email, with its carrier and tracking number.
    await enqueueOrderEmail(tx, order.id, "shipped", delivery.id);
    return delivery.id;
  });
  return getDelivery(user, id);
}
