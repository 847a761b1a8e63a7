import { recordAudit, type Actor } from "@/lib/audit";
import type { Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueStatusEmail } from "@/lib/email/outbox";
import { moveDevice } from "@/lib/inventory/service";
import { manualOrderLifecycle, orderLifecycle, type OrderStatus } from "./lifecycle";

export interface LockedOrder {
  id: number;
  orderNumber: string;
  customerId: number;
  status: OrderStatus;
}

/**
 * Reads an order and holds its row lock until the transaction ends, so a cancel and a
 * shipment (or two deliveries) for the same order run one after the other, never interleaved.
 */
export async function lockOrder(tx: Tx, id: number): Promise<LockedOrder> {
  const rows = await tx.$queryRaw<{ id: number; order_number: string; customer_id: number; status: OrderStatus }[]>`
    SELECT id, order_number, customer_id, status FROM t_orders WHERE id = ${id} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw notFound("Order");
  return { id: row.id, orderNumber: row.order_number, customerId: row.customer_id, status: row.status };
}

/** The order's units still held for it (reserved), e.g. to release them on cancel. */
export async function reservedUnitsOf(tx: Tx, orderId: number): Promise<number[]> {
  const items = await tx.orderItem.findMany({
    where: { orderId, device: { status: "reserved" } },
    select: { deviceId: true },
    orderBy: { deviceId: "asc" },
  });
  return items.map((i) => i.deviceId);
}

/**
 * Moves a locked order to `to` following its lifecycle (the by-hand table when `manual`),
 * applies what the move means for its units, writes the timeline event and queues the
 * customer's email (lib/email/outbox.ts).
 */
export async function moveOrder(
  tx: Tx,
  order: LockedOrder,
  to: OrderStatus,
  actor: Actor,
  options: { note?: string | null; manual?: boolean; data?: Prisma.InputJsonValue } = {},
): Promise<void> {
  const from = order.status;
  (options.manual ? manualOrderLifecycle : orderLifecycle).assertTransition(from, to);
  const { count } = await tx.order.updateMany({ where: { id: order.id, status: from }, data: { status: to } });
  if (count !== 1) throw new AppError("conflict", "The order changed while this request was handled; try again");
  if (to === "cancelled") {
    // Cancelling gives every unit still held for the order back to the shop.
    for (const deviceId of await reservedUnitsOf(tx, order.id)) {
      await moveDevice(tx, deviceId, "in_stock", actor, {
        reason: `order ${order.orderNumber} cancelled`,
        data: { orderId: order.id },
      });
    }
  }
  await recordAudit(tx, {
    entityType: "order",
    entityId: order.id,
    action: "status_changed",
    fromStatus: from,
    toStatus: to,
    reason: options.note ?? null,
    actor,
    data: options.data,
  });
  // The customer's email about it commits (or rolls back) with the change.
  await enqueueStatusEmail(tx, order.id, to);
  order.status = to;
}
