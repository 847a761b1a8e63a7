import { z } from "zod";
import { isAdmin, type SessionUser } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEVICE_STATUSES, type DeviceStatus } from "@/lib/inventory/lifecycle";
import { ORDER_STATUSES, type OrderStatus } from "@/lib/orders/lifecycle";
import { DELIVERY_STATUSES, deliveryLifecycle, type DeliveryStatus } from "./lifecycle";

export const deliveryInclude = {
  order: { select: { orderNumber: true, customerId: true, status: true } },
  items: { include: { device: { select: { id: true, serialNumber: true, name: true, type: true, model: true, status: true } } } },
} satisfies Prisma.DeliveryInclude;

export type DeliveryRow = Prisma.DeliveryGetPayload<{ include: typeof deliveryInclude }>;
type ParcelUnit = DeliveryRow["items"][number]["device"];
/** What a unit shows as: its product's name (lib/products/names.ts), as on orders and emails. */
export type UnitNamer = (unit: ParcelUnit) => string;

/** A delivery as the API answers it (both views); DeliveryDto is this schema's type. */
export const deliveryDtoSchema = z.strictObject({
  id: z.number().int().positive(),
  orderId: z.number().int().positive(),
  orderNumber: z.string(),
  orderStatus: z.enum(ORDER_STATUSES),
  customerId: z.number().int().positive(),
  carrier: z.string(),
  trackingNumber: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  shippedAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  /** Internal notes: always null in a customer's view. */
  notes: z.string().nullable(),
  devices: z.array(
    z.strictObject({ id: z.number().int().positive(), serialNumber: z.string(), name: z.string(), model: z.string(), status: z.enum(DEVICE_STATUSES) }),
  ),
  /** What the caller may move it to (`PUT /api/deliveries/{id}/status`); empty for customers. */
  nextStatuses: z.array(z.enum(DELIVERY_STATUSES)),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DeliveryDto = z.infer<typeof deliveryDtoSchema>;

const unitOf = (device: ParcelUnit, nameOf: UnitNamer) => ({
  id: device.id,
  serialNumber: device.serialNumber,
  name: nameOf(device),
  model: device.model,
  status: device.status as DeviceStatus,
});

export function toDeliveryDto(d: DeliveryRow, nameOf: UnitNamer): DeliveryDto {
  return {
    id: d.id,
    orderId: d.orderId,
    orderNumber: d.order.orderNumber,
    orderStatus: d.order.status as OrderStatus,
    customerId: d.order.customerId,
    carrier: d.carrier,
    trackingNumber: d.trackingNumber,
    status: d.status as DeliveryStatus,
    shippedAt: d.shippedAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    notes: d.deliveryNotes,
    devices: d.items.map((i) => unitOf(i.device, nameOf)),
    nextStatuses: [...deliveryLifecycle.nextStates(d.status as DeliveryStatus)],
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/**
 * A customer's view of a delivery, field by field: no internal delivery notes and no staff
 * transitions to offer.
 */
export function toCustomerDeliveryDto(d: DeliveryRow, nameOf: UnitNamer): DeliveryDto {
  return {
    id: d.id,
    orderId: d.orderId,
    orderNumber: d.order.orderNumber,
    orderStatus: d.order.status as OrderStatus,
    customerId: d.order.customerId,
    carrier: d.carrier,
    trackingNumber: d.trackingNumber,
    status: d.status as DeliveryStatus,
    shippedAt: d.shippedAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    notes: null,
    devices: d.items.map((i) => unitOf(i.device, nameOf)),
    nextStatuses: [],
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** The output schema for this viewer's role. */
export const deliveryDtoFor = (user: SessionUser) => (isAdmin(user) ? toDeliveryDto : toCustomerDeliveryDto);
