import { beforeAll, describe, expect, it } from "vitest";
import { countRows, errorCode, newCustomer, sql } from "./helpers";
import { newProduct, placeOrder, unitsInTwoActiveOrders } from "./order-helpers";

type Customer = Awaited<ReturnType<typeof newCustomer>>;
let customers: Customer[] = [];

beforeAll(async () => {
  customers = [];
  for (let i = 0; i < 25; i++) customers.push(await newCustomer(`Racer ${i}`));
});

const ordersOf = (list: Customer[]) => countRows("t_orders", "customer_id = ANY($1::int[])", [list.map((c) => c.id)]);

describe("reservation under a rush (real PostgreSQL, concurrent HTTP requests)", () => {
  it("20 customers racing for the last unit: exactly one order gets it, 19 get 409 out_of_stock", async () => {
    const { devices } = await newProduct(1);
    const racers = customers.slice(0, 20);
    const before = await ordersOf(racers);
    const results = await Promise.all(racers.map((c) => placeOrder(c.token, [{ deviceId: devices[0].id }])));
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) {
      expect(r.status).toBe(409);
      expect(errorCode(r)).toBe("out_of_stock");
    }
    // Losers wrote nothing: one new order in all, holding the one unit, which is reserved.
    expect(await ordersOf(racers)).toBe(before + 1);
    expect(won[0].body.items.map((i: { deviceId: number }) => i.deviceId)).toEqual([devices[0].id]);
    expect(await countRows("t_order_items", "device_id = $1", [devices[0].id])).toBe(1);
    expect(await countRows("t_devices", "id = $1 AND status = 'reserved'", [devices[0].id])).toBe(1);
  });

  it("20 customers ordering the last unit by product (type + model): exactly one succeeds", async () => {
    const { type, model, devices } = await newProduct(1);
    const racers = customers.slice(5, 25);
    const results = await Promise.all(racers.map((c) => placeOrder(c.token, [{ type, model, quantity: 1 }])));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const lost = results.filter((r) => r.status !== 201);
    expect(lost.map((r) => [r.status, errorCode(r)])).toEqual(Array(19).fill([409, "out_of_stock"]));
    expect(await countRows("t_order_items", "device_id = $1", [devices[0].id])).toBe(1);
  });

  it("25 customers racing for 5 units, one each: exactly 5 orders, each with a different unit", async () => {
    const { type, model, devices } = await newProduct(5);
    const ids = devices.map((d) => d.id);
    const results = await Promise.all(customers.map((c) => placeOrder(c.token, [{ type, model, quantity: 1 }])));
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(5);
    expect(results.filter((r) => r.status === 409 && errorCode(r) === "out_of_stock")).toHaveLength(20);
    const taken = won.map((r) => r.body.items[0].deviceId).sort((a: number, b: number) => a - b);
    expect(taken).toEqual([...ids].sort((a, b) => a - b));
    const { rows } = await sql().query(
      "SELECT device_id, count(*)::int AS n FROM t_order_items WHERE device_id = ANY($1::int[]) GROUP BY device_id",
      [ids],
    );
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(await countRows("t_devices", "id = ANY($1::int[]) AND status = 'reserved'", [ids])).toBe(5);
  });

  it("mixed rush (units by id and by product, several per order) never puts a unit in two open orders", async () => {
    const { type, model, devices } = await newProduct(6);
    const results = await Promise.all(
      customers.map((c, i) =>
        placeOrder(c.token, i % 2 ? [{ type, model, quantity: 2 }] : [{ deviceId: devices[i % 6].id }, { type, model, quantity: 1 }]),
      ),
    );
    const won = results.filter((r) => r.status === 201);
    expect(won.length).toBeGreaterThan(0);
    expect(results.every((r) => r.status === 201 || (r.status === 409 && errorCode(r) === "out_of_stock"))).toBe(true);
    const unitsSold = won.reduce((n, r) => n + r.body.items.length, 0);
    expect(unitsSold).toBeLessThanOrEqual(6);
    expect(await countRows("t_devices", "id = ANY($1::int[]) AND status = 'reserved'", [devices.map((d) => d.id)])).toBe(unitsSold);
    expect(await unitsInTwoActiveOrders()).toEqual([]);
  });
});
