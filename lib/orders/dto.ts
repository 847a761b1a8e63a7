import type { AuditEventDto } from "@/lib/audit";
import type { DeliveryDto } from "@/lib/deliveries/dto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatMoney } from "@/lib/money";

export const orderSummaryInclude = {
  customer: { select: { id: true, name: true, email: true } },
  _count: { select: { items: true } },
  deliveries: { select: { trackingNumber: true, status: true }, orderBy: { id: "asc" } },
} satisfies Prisma.OrderInclude;

type OrderSummaryRow = Prisma.OrderGetPayload<{ include: typeof orderSummaryInclude }>;

export interface OrderSummaryDto {
  id: number;
  orderNumber: string;
  status: string;
  totalAmount: string;
  shippingAddress: string;
  customer: { id: number; name: string; email: string };
  itemCount: number;
  trackingNumbers: string[];
  createdAt: string;
  updatedAt: string;
}

export interface OrderItemDto {
  id: number;
  deviceId: number;
  serialNumber: string;
  name: string;
  type: string;
  model: string;
  deviceStatus: string;
  quantity: number;
  unitPrice: string;
  subtotal: string;
}

export interface OrderDetailDto extends OrderSummaryDto {
  items: OrderItemDto[];
  deliveries: DeliveryDto[];
  timeline: AuditEventDto[];
  /** What the caller may move this order to by hand (`PUT /api/orders/{id}/status`). */
  nextStatuses: string[];
}

export function toOrderSummaryDto(o: OrderSummaryRow): OrderSummaryDto {
  return {
    id: o.id,
    orderNumber: o.orderNumber,
    status: o.status,
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

export function toOrderItemDto(i: OrderItemRow): OrderItemDto {
  return {
    id: i.id,
    deviceId: i.deviceId,
    serialNumber: i.device.serialNumber,
    name: i.device.name,
    type: i.device.type,
    model: i.device.model,
    deviceStatus: i.device.status,
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
