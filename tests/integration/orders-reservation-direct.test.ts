import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { placeOrder } from "@/lib/orders/place-order";
import { countRows, newCustomer } from "./helpers";
import { newProduct } from "./order-helpers";

/**
 * The same race one layer down, beside the HTTP one: 20 placeOrder calls start at the same
 * instant in this process, with its own connection pool, so their transactions overlap inside
 * PostgreSQL however the server schedules requests. Both this file and orders-race.test.ts fail
 * without the row locks in pickUnits (tried: the losers collide later and answer `conflict` or
 * `invalid_transition` instead of a clean `out_of_stock` — 1 ok, 8 conflict, 1
 * invalid_transition, 10 out_of_stock here).
 */
let customers: SessionUser[] = [];

beforeAll(async () => {
  customers = [];
  for (let i = 0; i < 4; i++) {
    const c = await newCustomer(`Direct ${i}`);
    customers.push({ id: c.id, email: c.email, name: `Direct ${i}`, role: "CUSTOMER" });
  }
});

afterAll(async () => {
  await db().$disconnect();
});

async function race(items: Parameters<typeof placeOrder>[1]["items"], n = 20) {
  const results = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => placeOrder(customers[i % customers.length], { items, shippingAddress: "1 Race Street, Lockville" })),
  );
  return results.map((r) => (r.status === "fulfilled" ? "ok" : r.reason instanceof AppError ? r.reason.code : String(r.reason)));
}

const tally = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {});

describe("reservation with truly overlapping transactions (service against real PostgreSQL)", () => {
  it("20 simultaneous orders for the last unit by id: 1 ok, 19 out_of_stock", async () => {
    const { devices } = await newProduct(1);
    expect(tally(await race([{ deviceId: devices[0].id }]))).toEqual({ ok: 1, out_of_stock: 19 });
    expect(await countRows("t_order_items", "device_id = $1", [devices[0].id])).toBe(1);
  });

  it("20 simultaneous orders for the last unit by product: 1 ok, 19 out_of_stock", async () => {
    const { type, model, devices } = await newProduct(1);
    expect(tally(await race([{ type, model, quantity: 1 }]))).toEqual({ ok: 1, out_of_stock: 19 });
    expect(await countRows("t_order_items", "device_id = $1", [devices[0].id])).toBe(1);
  });

  it("20 simultaneous orders for 5 units of a product, 1 each: exactly 5 ok, each a different unit", async () => {
    const { type, model, devices } = await newProduct(5);
    expect(tally(await race([{ type, model, quantity: 1 }]))).toEqual({ ok: 5, out_of_stock: 15 });
    const ids = devices.map((d) => d.id);
    expect(await countRows("t_order_items", "device_id = ANY($1::int[])", [ids])).toBe(5);
    expect(await countRows("t_devices", "id = ANY($1::int[]) AND status = 'reserved'", [ids])).toBe(5);
  });
});
