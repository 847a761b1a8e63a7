import type { Device } from "@/lib/generated/prisma/client";
import { formatMoney } from "@/lib/money";

export interface DeviceDto {
  id: number;
  serialNumber: string;
  name: string;
  type: string;
  model: string;
  description: string | null;
  price: string;
  status: string;
  specifications: unknown;
  lastSeenAt: string | null;
  deployedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toDeviceDto(d: Device): DeviceDto {
  return {
    id: d.id,
    serialNumber: d.serialNumber,
    name: d.name,
    type: d.type,
    model: d.model,
    description: d.description,
    price: formatMoney(d.price),
    status: d.status,
    specifications: d.specifications,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
    deployedAt: d.deployedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
