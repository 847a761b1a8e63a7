/**
 * The email outbox (t_email_outbox): a customer email is a row written in the same transaction as
 * the status change it tells of, so it is sent exactly when the change commits — and writing it
 * never waits on an SMTP server. lib/email/sender.ts delivers the rows.
 */
import type { Tx } from "@/lib/db";
import type { OrderStatus } from "@/lib/orders/lifecycle";
import type { EmailKind } from "./render";

/** The order statuses a customer hears about from moveOrder (shipping is told per parcel). */
const ORDER_STATUS_EMAIL: Partial<Record<OrderStatus, EmailKind>> = {
  confirmed: "confirmed",
  delivered: "delivered",
  cancelled: "cancelled",
};

export async function enqueueOrderEmail(tx: Tx, orderId: number, kind: EmailKind, deliveryId: number | null = null): Promise<void> {
  await tx.emailOutbox.create({ data: { orderId, kind, deliveryId } });
}

/** For moveOrder: the email an order's new status calls for, if any. */
export async function enqueueStatusEmail(tx: Tx, orderId: number, to: OrderStatus): Promise<void> {
  const kind = ORDER_STATUS_EMAIL[to];
  if (kind) await enqueueOrderEmail(tx, orderId, kind);
}
