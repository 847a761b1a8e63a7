import type { AuditEventDto } from "@/lib/audit";
import { can, isAdmin, requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { sqlTransaction, type SqlTx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { deviceLifecycle } from "@/lib/inventory/lifecycle";
import { Decimal } from "@/lib/money";
import { toCustomerTimeline, type OrderDetailDto } from "./dto";
import type { OrderItemInput, PlaceOrderInput } from "./schemas";

interface PickedUnit {
  id: number;
  price: Decimal;
  serialNumber: string;
  name: string;
  type: string;
  model: string;
}

type UnitRow = { id: number; price: string; serial_number: string; name: string; type: string; model: string };
const toPicked = (r: UnitRow): PickedUnit => ({ id: r.id, price: new Decimal(r.price), serialNumber: r.serial_number, name: r.name, type: r.type, model: r.model });

/** A unit shows as its product (lib/products/names.ts); units for sale always have one, the fallback is for safety. */
const productName = Prisma.sql`coalesce((SELECT p.name FROM t_products p WHERE p.type = d.type AND p.model = d.model), d.name)`;

const outOfStock = (message: string, details: Record<string, unknown>) => new AppError("out_of_stock", message, details);

/** Only units of a published product are for sale (the product row is read, not locked). */
const isPublished = Prisma.sql`EXISTS (SELECT 1 FROM t_products p WHERE p.type = d.type AND p.model = d.model AND p.published)`;

/**
 * The statements of an order placement, as values: the service runs them in its transaction, and
 * bench/orders.ts's bare-pg baseline runs exactly the same SQL (`.text`, `.values`).
 */
export const orderSql = {
  /** Named units, locked in id order. */
  lockUnits: (unitIds: number[]) => Prisma.sql`
    SELECT d.id, d.price::text AS price, d.serial_number, ${productName} AS name, d.type, d.model FROM t_devices d
    WHERE d.id = ANY(${unitIds}::int[]) AND d.status = 'in_stock' AND ${isPublished}
    ORDER BY d.id FOR UPDATE`,
  /** The cheapest in-stock units of a product that nobody else is taking right now. */
  pickProduct: (item: { type: string; model: string; quantity: number }, taken: number[]) => Prisma.sql`
    SELECT d.id, d.price::text AS price, d.serial_number, ${productName} AS name, d.type, d.model FROM t_devices d
    WHERE d.type = ${item.type} AND d.model = ${item.model} AND d.status = 'in_stock' AND d.id <> ALL(${taken}::int[]) AND ${isPublished}
    ORDER BY d.price, d.id LIMIT ${item.quantity} FOR UPDATE SKIP LOCKED`,
  /** Why units were not offered: which of these (type, model) pairs have no published product. */
  unpublished: (pairs: Array<{ type: string; model: string }>) => Prisma.sql`
    SELECT u.type, u.model FROM unnest(${pairs.map((p) => p.type)}::text[], ${pairs.map((p) => p.model)}::text[]) AS u(type, model)
    JOIN t_products p ON p.type = u.type AND p.model = u.model AND NOT p.published`,
  unitProducts: (unitIds: number[]) => Prisma.sql`SELECT DISTINCT type, model FROM t_devices WHERE id = ANY(${unitIds}::int[])`,
  lockCustomer: (customerId: number) => Prisma.sql`SELECT id FROM t_users WHERE id = ${customerId} FOR UPDATE`,
  heldUnits: (customerId: number) => Prisma.sql`
    SELECT count(*)::int AS held FROM t_order_items oi JOIN t_orders o ON o.id = oi.order_id
    WHERE o.customer_id = ${customerId} AND o.status = 'pending'`,
  /** See writeOrder. */
  write: (actor: { id: number; email: string }, shippingAddress: string, units: Array<{ id: number; price: string }>, total: string) => Prisma.sql`
    WITH num AS (
      -- ORD-<year>-<at least six digits>: lpad alone would cut a seventh digit off.
      SELECT n::text AS n FROM nextval('t_orders_number_seq') AS n
    ), reserved AS (
      UPDATE t_devices SET status = 'reserved', updated_at = now()
      WHERE id = ANY(${units.map((u) => u.id)}::int[]) AND status = 'in_stock'
      RETURNING id
    ), new_order AS (
      INSERT INTO t_orders (customer_id, order_number, status, total_amount, shipping_address, updated_at)
      SELECT ${actor.id}, 'ORD-' || extract(year FROM now() AT TIME ZONE 'UTC')::int || '-' || lpad(num.n, greatest(6, length(num.n)), '0'),
             'pending', ${total}::numeric, ${shippingAddress}, now()
      FROM num
      -- Every unit must still be in stock (they are locked, so this holds unless a caller forgot to lock).
      WHERE (SELECT count(*) FROM reserved) = ${units.length}
      RETURNING id, order_number, created_at, updated_at
    ), items AS (
      INSERT INTO t_order_items (order_id, device_id, quantity, unit_price, subtotal)
      SELECT o.id, u.device_id, 1, u.price, u.price
      FROM new_order o, unnest(${units.map((u) => u.id)}::int[], ${units.map((u) => u.price)}::numeric[]) WITH ORDINALITY AS u(device_id, price, n)
      ORDER BY u.n
      RETURNING id, device_id
    ), unit_audits AS (
      INSERT INTO t_audit_events (entity_type, entity_id, action, from_status, to_status, reason, actor_id, actor_label, data)
      SELECT 'device', r.id, 'status_changed', 'in_stock', 'reserved', 'order ' || o.order_number, ${actor.id}, ${actor.email}, jsonb_build_object('orderId', o.id)
      FROM reserved r, new_order o
    ), placed AS (
      INSERT INTO t_audit_events (entity_type, entity_id, action, from_status, to_status, actor_id, actor_label, data)
      SELECT 'order', o.id, 'placed', NULL, 'pending', ${actor.id}, ${actor.email},
             jsonb_build_object('units', ${units.length}::int, 'totalAmount', ${total}::text)
      FROM new_order o
      RETURNING id, created_at
    ), email AS (
      -- The customer's "order received" email (lib/email/outbox.ts), committed with the order.
      INSERT INTO t_email_outbox (order_id, kind) SELECT o.id, 'placed' FROM new_order o
    )
    SELECT o.id, o.order_number, o.created_at, o.updated_at,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('id', i.id, 'deviceId', i.device_id) ORDER BY i.id), '[]'::jsonb) FROM items i) AS items,
           (SELECT jsonb_build_object('id', p.id::text, 'createdAt', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) FROM placed p) AS placed
    FROM new_order o`,
};

/**
 * On the refusal path only: an order short of units because their product is not published
 * says so (409), rather than "out of stock" while the units sit on the shelf.
 */
async function assertPublished(sql: SqlTx, pairs: Array<{ type: string; model: string }>): Promise<void> {
  if (!pairs.length) return;
  const drafts = await sql<{ type: string; model: string }>(orderSql.unpublished(pairs));
  if (drafts.length) {
    const names = drafts.map((d) => `${d.type} ${d.model}`).join(", ");
    throw new AppError("conflict", `${names} ${drafts.length === 1 ? "is" : "are"} not for sale: the product is not published`, {
      reason: "product_unpublished",
      products: drafts,
    });
  }
}

/**
 * Locks the concrete in-stock units an order asks for. Named units are locked in id order and
 * re-checked after any wait (READ COMMITTED re-evaluates `status = 'in_stock'` on the newest
 * row version), so two orders can never both get one. Product picks use SKIP LOCKED: a unit
 * another order is taking right now is simply not offered, and nobody waits on anybody.
 */
export async function pickUnits(sql: SqlTx, items: OrderItemInput[]): Promise<PickedUnit[]> {
  const picked: PickedUnit[] = [];
  const unitIds = items.flatMap((i) => ("deviceId" in i ? [i.deviceId] : [])).sort((a, b) => a - b);
  if (unitIds.length) {
    const rows = await sql<UnitRow>(orderSql.lockUnits(unitIds));
    const missing = unitIds.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) {
      await assertPublished(sql, await sql<{ type: string; model: string }>(orderSql.unitProducts(missing)));
      throw outOfStock(`Device ${missing.join(", ")} is no longer available`, { deviceIds: missing });
    }
    picked.push(...rows.map(toPicked));
  }
  for (const item of items) {
    if ("deviceId" in item) continue;
    const taken = picked.map((p) => p.id);
    // Cheapest units first (by the numeric column, not the text alias), so the catalog's
    // "from" price is what the first unit costs.
    const rows = await sql<UnitRow>(orderSql.pickProduct(item, taken));
    if (rows.length < item.quantity) {
      await assertPublished(sql, [item]);
      throw outOfStock(`Only ${rows.length} of ${item.quantity} × ${item.type} ${item.model} available`, {
        type: item.type,
        model: item.model,
        requested: item.quantity,
        available: rows.length,
      });
    }
    picked.push(...rows.map(toPicked));
  }
  return picked;
}

/**
 * One customer may hold at most PENDING_UNITS_PER_CUSTOMER units in unconfirmed orders, so a
 * single account cannot reserve a product's whole stock. The customer's row is locked first,
 * so two parallel orders from the same account are counted one after the other.
 */
async function assertPendingCap(sql: SqlTx, customerId: number, adding: number): Promise<void> {
  const cap = config().PENDING_UNITS_PER_CUSTOMER;
  await sql(orderSql.lockCustomer(customerId));
  const [{ held }] = await sql<{ held: number }>(orderSql.heldUnits(customerId));
  if (held + adding > cap) {
    throw new AppError("conflict", `You may hold at most ${cap} units in unconfirmed orders (you hold ${held}); wait for confirmation or cancel one`, {
      limit: cap,
      held,
      requested: adding,
    });
  }
}

interface WrittenOrder {
  id: number;
  order_number: string;
  created_at: Date;
  updated_at: Date;
  items: Array<{ id: number; deviceId: number }>;
  placed: { id: string; createdAt: string };
}

/**
 * The order's writes as one statement, for units already locked by pickUnits: the units go
 * in_stock → reserved, the order and one item per unit are inserted, and every change is audited
 * (a device event per unit, the order's "placed"). One round trip instead of four plus three per
 * unit: under a rush of orders the transaction, and so the units' row locks, are held that much
 * shorter. The number comes from the same sequence; `updated_at` is set here as Prisma would.
 */
async function writeOrder(sql: SqlTx, user: SessionUser, input: PlaceOrderInput, units: PickedUnit[], total: Decimal): Promise<WrittenOrder> {
  deviceLifecycle.assertTransition("in_stock", "reserved");
  const [row] = await sql<WrittenOrder>(
    orderSql.write(user, input.shippingAddress, units.map((u) => ({ id: u.id, price: u.price.toFixed(2) })), total.toFixed(2)),
  );
  if (!row) throw new AppError("conflict", "A unit changed while the order was placed; try again");
  return row;
}

/**
 * Places an order in one transaction: pick and lock units, check the customer's cap, then write
 * everything in one statement (writeOrder) at the database's prices, with the total computed in
 * decimal. Any failure — out of stock included — rolls all of it back, so nothing is written.
 */
export async function placeOrder(user: SessionUser, input: PlaceOrderInput): Promise<OrderDetailDto> {
  requirePermission(user, "order:create");
  // On a plain pg client (lib/db.ts sqlTransaction): under a rush the pool queues transactions,
  // which wait their turn rather than fail.
  return sqlTransaction(async (sql) => {
    const units = await pickUnits(sql, input.items);
    if (!isAdmin(user)) await assertPendingCap(sql, user.id, units.length);
    const total = units.reduce((sum, u) => sum.plus(u.price), new Decimal(0));
    const order = await writeOrder(sql, user, input, units, total);
    const placed: AuditEventDto = {
      id: order.placed.id,
      action: "placed",
      fromStatus: null,
      toStatus: "pending",
      reason: null,
      actor: user.email,
      actorId: user.id,
      data: { units: units.length, totalAmount: total.toFixed(2) },
      createdAt: order.placed.createdAt,
    };
    // The answer is built from what this transaction wrote, sparing a second read of the order.
    const byId = new Map(units.map((u) => [u.id, u]));
    return {
      id: order.id,
      orderNumber: order.order_number,
      status: "pending",
      totalAmount: total.toFixed(2),
      shippingAddress: input.shippingAddress,
      customer: { id: user.id, name: user.name, email: user.email },
      itemCount: units.length,
      trackingNumbers: [],
      createdAt: order.created_at.toISOString(),
      updatedAt: order.updated_at.toISOString(),
      items: order.items.map((i) => {
        const unit = byId.get(i.deviceId)!;
        const price = unit.price.toFixed(2);
        const { serialNumber, name, type, model } = unit;
        return { id: i.id, deviceId: i.deviceId, serialNumber, name, type, model, deviceStatus: "reserved", quantity: 1, unitPrice: price, subtotal: price };
      }),
      deliveries: [],
      timeline: isAdmin(user) ? [placed] : toCustomerTimeline([placed], user.id),
      nextStatuses: (["confirmed", "cancelled"] as const).filter((s) => s === "cancelled" || can(user, "order:manage")),
    };
  });
}
