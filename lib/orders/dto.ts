import { z } from "zod";
import { auditEventDtoSchema, type AuditEventDto } from "@/lib/audit";
import { deliveryDtoSchema } from "@/lib/deliveries/dto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEVICE_STATUSES, type DeviceStatus } from "@/lib/inventory/lifecycle";
import { formatMoney, moneyTextSchema } from "@/lib/money";
import { ORDER_STATUSES, type OrderStatus } from "./lifecycle";

export const orderSummaryInclude = {
  customer: { select: { id: true, name: true, email: true } },
  _count: { select: { items: true } },
  deliveries: { select: { trackingNumber: true, status: true }, orderBy: { id: "asc" } },
} satisfies Prisma.OrderInclude;

type OrderSummaryRow = Prisma.OrderGetPayload<{ include: typeof orderSummaryInclude }>;

/** The response schemas of the order API; the DTO types below are their types, so they cannot drift. */
export const orderSummaryDtoSchema = z.strictObject({
  id: z.number().int().positive(),
  orderNumber: z.string(),
  status: z.enum(ORDER_STATUSES),
  totalAmount: moneyTextSchema,
  shippingAddress: z.string(),
  customer: z.strictObject({ id: z.number().int().positive(), name: z.string(), email: z.string() }),
  itemCount: z.number().int().min(0),
  trackingNumbers: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type OrderSummaryDto = z.infer<typeof orderSummaryDtoSchema>;

export const orderItemDtoSchema = z.strictObject({
  id: z.number().int().positive(),
  deviceId: z.number().int().positive(),
  serialNumber: z.string(),
  name: z.string().describe("The product's name (the unit's own name if its type and model have no product)"),
  type: z.string(),
  model: z.string(),
  deviceStatus: z.enum(DEVICE_STATUSES),
  quantity: z.number().int().positive(),
  unitPrice: moneyTextSchema,
  subtotal: moneyTextSchema,
});
export type OrderItemDto = z.infer<typeof orderItemDtoSchema>;

export const orderDetailDtoSchema = orderSummaryDtoSchema.extend({
  items: z.array(orderItemDtoSchema),
  deliveries: z.array(deliveryDtoSchema),
  timeline: z.array(auditEventDtoSchema),
  /** What the caller may move this order to by hand (`PUT /api/orders/{id}/status`). */
  nextStatuses: z.array(z.enum(ORDER_STATUSES)),
});
export type OrderDetailDto = z.infer<typeof orderDetailDtoSchema>;

export function toOrderSummaryDto(o: OrderSummaryRow): OrderSummaryDto {
  return {
    id: o.id,
    orderNumber: o.orderNumber,
    status: o.status as OrderStatus,
    totalAmount: formatMoney(o.totalAmount),
    shippingAddress: o.shippingAddress,
    customer: o.customer,
    itemCount: o._count.items,
    trackingNumbers: o.deliveries.filter((d) => d.status !== "returned").map((d) => d.trackingNumber),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

type OrderItemRow = Prisma.OrderItemGetPayload<{ include: { device: true } }>;

/** `productName`: what the unit shows as (lib/products/names.ts). */
export function toOrderItemDto(i: OrderItemRow, productName: string): OrderItemDto {
  return {
    id: i.id,
    deviceId: i.deviceId,
    serialNumber: i.device.serialNumber,
    name: productName,
    type: i.device.type,
    model: i.device.model,
    deviceStatus: i.device.status as DeviceStatus,
    quantity: i.quantity,
    unitPrice: formatMoney(i.unitPrice),
    subtotal: formatMoney(i.subtotal),
  };
}

const isStatusName = (v: unknown): v is string => typeof v === "string" && /^[a-z_]{1,32}$/.test(v);

/**
 * Of an event's data, a customer sees only a parcel's status move (from → to), which their
 * tracking page words as "Your parcel was delivered."; ids, labels and the rest stay out.
 */
function customerEventData(e: AuditEventDto): AuditEventDto["data"] {
  if (e.action !== "delivery_update") return null;
  const { from, to } = (e.data ?? {}) as { from?: unknown; to?: unknown };
  return isStatusName(from) && isStatusName(to) ? { from, to } : null;
}

/**
 * A customer's view of a timeline, built field by field: staff appear as "Store staff" (never
 * their email), staff notes are left out and event data is reduced to customerEventData; the
 * customer's own entries keep their reason.
 */
export function toCustomerTimeline(events: AuditEventDto[], viewerId: number): AuditEventDto[] {
  return events.map((e) => {
    const own = e.actorId === viewerId;
    return {
      id: e.id,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      reason: own ? e.reason : null,
      actor: own ? "You" : e.actorId == null ? "System" : "Store staff",
      data: customerEventData(e),
      createdAt: e.createdAt,
    };
  });
}
