import { z } from "zod";
import type { Device } from "@/lib/generated/prisma/client";
import { formatMoney, moneyTextSchema } from "@/lib/money";
import { DEVICE_STATUSES, type DeviceStatus } from "./lifecycle";

/** A device as the API answers it; DeviceDto is this schema's type, so the two cannot drift. */
export const deviceDtoSchema = z.strictObject({
  id: z.number().int().positive(),
  serialNumber: z.string(),
  name: z.string(),
  type: z.string(),
  model: z.string(),
  description: z.string().nullable(),
  price: moneyTextSchema,
  status: z.enum(DEVICE_STATUSES),
  specifications: z.unknown(),
  lastSeenAt: z.iso.datetime().nullable(),
  deployedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DeviceDto = z.infer<typeof deviceDtoSchema>;

export function toDeviceDto(d: Device): DeviceDto {
  return {
    id: d.id,
    serialNumber: d.serialNumber,
    name: d.name,
    type: d.type,
    model: d.model,
    description: d.description,
    price: formatMoney(d.price),
    status: d.status as DeviceStatus,
    specifications: d.specifications,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
    deployedAt: d.deployedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
