import { isAdmin, type SessionUser } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deliveryLifecycle, type DeliveryStatus } from "./lifecycle";

export const deliveryInclude = {
  order: { select: { orderNumber: true, customerId: true, status: true } },
  items: { include: { device: { select: { id: true, serialNumber: true, name: true, model: true, status: true } } } },
} satisfies Prisma.DeliveryInclude;

type DeliveryRow = Prisma.DeliveryGetPayload<{ include: typeof deliveryInclude }>;

export interface DeliveryDto {
  id: number;
  orderId: number;
  orderNumber: string;
  orderStatus: string;
  customerId: number;
  carrier: string;
  trackingNumber: string;
  status: string;
  shippedAt: string | null;
  deliveredAt: string | null;
  notes: string | null;
  devices: { id: number; serialNumber: string; name: string; model: string; status: string }[];
  nextStatuses: readonly DeliveryStatus[];
  createdAt: string;
  updatedAt: string;
}

export function toDeliveryDto(d: DeliveryRow): DeliveryDto {
  return {
    id: d.id,
    orderId: d.orderId,
    orderNumber: d.order.orderNumber,
    orderStatus: d.order.status,
    customerId: d.order.customerId,
    carrier: d.carrier,
    trackingNumber: d.trackingNumber,
    status: d.status,
    shippedAt: d.shippedAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    notes: d.deliveryNotes,
    devices: d.items.map((i) => i.device),
    nextStatuses: deliveryLifecycle.nextStates(d.status as DeliveryStatus),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/**
 * A customer's view of a delivery, field by field: no internal delivery notes and no staff
 * transitions to offer.
 */
export function toCustomerDeliveryDto(d: DeliveryRow): DeliveryDto {
  return {
    id: d.id,
    orderId: d.orderId,
    orderNumber: d.order.orderNumber,
    orderStatus: d.order.status,
    customerId: d.order.customerId,
    carrier: d.carrier,
    trackingNumber: d.trackingNumber,
    status: d.status,
    shippedAt: d.shippedAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    notes: null,
    devices: d.items.map((i) => ({ id: i.device.id, serialNumber: i.device.serialNumber, name: i.device.name, model: i.device.model, status: i.device.status })),
    nextStatuses: [],
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** The output schema for this viewer's role. */
export const deliveryDtoFor = (user: SessionUser) => (isAdmin(user) ? toDeliveryDto : toCustomerDeliveryDto);
