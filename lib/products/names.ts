import { db } from "@/lib/db";

/** A unit as far as naming goes: its product is its (type, model). */
export interface NamedUnit {
  type: string;
  model: string;
  name: string;
}

const keyOf = (u: { type: string; model: string }) => `${u.type}\u0000${u.model}`;

/**
 * Orders, parcels and emails show a unit as its product: the name an admin gave the product,
 * or the unit's own name when there is no product row (units older than products).
 */
export function productNameLookup(products: ReadonlyArray<NamedUnit>): (unit: NamedUnit) => string {
  const names = new Map(products.map((p) => [keyOf(p), p.name]));
  return (unit) => names.get(keyOf(unit)) ?? unit.name;
}

/** Reads the products of these units (one query) and answers each unit's display name. */
export async function loadProductNames(units: ReadonlyArray<NamedUnit>): Promise<(unit: NamedUnit) => string> {
  const pairs = [...new Map(units.map((u) => [keyOf(u), { type: u.type, model: u.model }])).values()];
  const products = pairs.length ? await db().product.findMany({ where: { OR: pairs }, select: { type: true, model: true, name: true } }) : [];
  return productNameLookup(products);
}
