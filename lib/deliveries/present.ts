import type { SessionUser } from "@/lib/auth/permissions";
import { loadProductNames } from "@/lib/products/names";
import { deliveryDtoFor, type DeliveryDto, type DeliveryRow } from "./dto";

/**
 * Parcels as this viewer's DTOs, each unit shown as its product (one query for all of them),
 * so a parcel names a unit the way its order and emails do.
 */
export async function presentDeliveries(user: SessionUser, rows: DeliveryRow[]): Promise<DeliveryDto[]> {
  const nameOf = await loadProductNames(rows.flatMap((d) => d.items.map((i) => i.device)));
  const toDto = deliveryDtoFor(user);
  return rows.map((d) => toDto(d, nameOf));
}

export const presentDelivery = async (user: SessionUser, row: DeliveryRow): Promise<DeliveryDto> => (await presentDeliveries(user, [row]))[0];
