import { listAuditEvents, recordAudit } from "@/lib/audit";
import { can, isAdmin, requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { moveDevice } from "@/lib/inventory/service";
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

const outOfStock = (message: string, details: Record<string, unknown>) => new AppError("out_of_stock", message, details);

/**
 * Locks the concrete in-stock units an order asks for. Named units are locked in id order and
 * re-checked after any wait (READ COMMITTED re-evaluates `status = 'in_stock'` on the newest
 * row version), so two orders can never both get one. Product picks use SKIP LOCKED: a unit
 * another order is taking right now is simply not offered, and nobody waits on anybody.
 */
export async function pickUnits(tx: Tx, items: OrderItemInput[]): Promise<PickedUnit[]> {
  const picked: PickedUnit[] = [];
  const unitIds = items.flatMap((i) => ("deviceId" in i ? [i.deviceId] : [])).sort((a, b) => a - b);
  if (unitIds.length) {
    const rows = await tx.$queryRaw<UnitRow[]>`
      SELECT id, price::text AS price, serial_number, name, type, model FROM t_devices
      WHERE id = ANY(${unitIds}::int[]) AND status = 'in_stock'
      ORDER BY id FOR UPDATE`;
    const missing = unitIds.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) {
      throw outOfStock(`Device ${missing.join(", ")} is no longer available`, { deviceIds: missing });
    }
    picked.push(...rows.map(toPicked));
  }
  for (const item of items) {
    if ("deviceId" in item) continue;
    const taken = picked.map((p) => p.id);
    // Cheapest units first (by the numeric column, not the text alias), so the catalog's
    // "from" price is what the first unit costs.
    const rows = await tx.$queryRaw<UnitRow[]>`
      SELECT d.id, d.price::text AS price, d.serial_number, d.name, d.type, d.model FROM t_devices d
      WHERE d.type = ${item.type} AND d.model = ${item.model} AND d.status = 'in_stock' AND d.id <> ALL(${taken}::int[])
      ORDER BY d.price, d.id LIMIT ${item.quantity} FOR UPDATE SKIP LOCKED`;
    if (rows.length < item.quantity) {
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
async function assertPendingCap(tx: Tx, customerId: number, adding: number): Promise<void> {
  const cap = config().PENDING_UNITS_PER_CUSTOMER;
  await tx.$queryRaw`SELECT id FROM t_users WHERE id = ${customerId} FOR UPDATE`;
  const [{ held }] = await tx.$queryRaw<{ held: number }[]>`
    SELECT count(*)::int AS held FROM t_order_items oi JOIN t_orders o ON o.id = oi.order_id
    WHERE o.customer_id = ${customerId} AND o.status = 'pending'`;
  if (held + adding > cap) {
    throw new AppError("conflict", `You may hold at most ${cap} units in unconfirmed orders (you hold ${held}); wait for confirmation or cancel one`, {
      limit: cap,
      held,
      requested: adding,
    });
  }
}

export const formatOrderNumber = (year: number, n: bigint | number) => `ORD-${year}-${String(n).padStart(6, "0")}`;

/**
 * Places an order in one transaction: pick and lock units, reserve them (audited), write the
 * items at the database's prices and the total computed in decimal. Any failure — out of stock
 * included — rolls all of it back, so nothing is written.
 */
export async function placeOrder(user: SessionUser, input: PlaceOrderInput): Promise<OrderDetailDto> {
  requirePermission(user, "order:create");
  return db().$transaction(
    async (tx) => {
      const units = await pickUnits(tx, input.items);
      if (!isAdmin(user)) await assertPendingCap(tx, user.id, units.length);
      const total = units.reduce((sum, u) => sum.plus(u.price), new Decimal(0));
      const [{ n }] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('t_orders_number_seq') AS n`;
      const orderNumber = formatOrderNumber(new Date().getUTCFullYear(), n);
      const order = await tx.order.create({
        data: {
          customerId: user.id,
          orderNumber,
          status: "pending",
          totalAmount: total,
          shippingAddress: input.shippingAddress,
          // One row per concrete unit, so every unit's order is known (quantity is always 1).
          items: { create: units.map((u) => ({ deviceId: u.id, quantity: 1, unitPrice: u.price, subtotal: u.price })) },
        },
        select: { id: true, createdAt: true, updatedAt: true, items: { select: { id: true, deviceId: true }, orderBy: { id: "asc" } } },
      });
      for (const unit of units) {
        await moveDevice(tx, unit.id, "reserved", user, { reason: `order ${orderNumber}`, data: { orderId: order.id } });
      }
      await recordAudit(tx, {
        entityType: "order",
        entityId: order.id,
        action: "placed",
        toStatus: "pending",
        actor: user,
        data: { units: units.length, totalAmount: total.toFixed(2) },
      });
      // The answer is built from what this transaction wrote, sparing a second read of the order.
      const byId = new Map(units.map((u) => [u.id, u]));
      return {
        id: order.id,
        orderNumber,
        status: "pending",
        totalAmount: total.toFixed(2),
        shippingAddress: input.shippingAddress,
        customer: { id: user.id, name: user.name, email: user.email },
        itemCount: units.length,
        trackingNumbers: [],
        createdAt: order.createdAt.toISOString(),
        updatedAt: order.updatedAt.toISOString(),
        items: order.items.map((i) => {
          const unit = byId.get(i.deviceId)!;
          const price = unit.price.toFixed(2);
          const { serialNumber, name, type, model } = unit;
          return { id: i.id, deviceId: i.deviceId, serialNumber, name, type, model, deviceStatus: "reserved", quantity: 1, unitPrice: price, subtotal: price };
        }),
        deliveries: [],
        timeline: await listAuditEvents(tx, "order", order.id).then((t) => (isAdmin(user) ? t : toCustomerTimeline(t, user.id))),
        nextStatuses: ["confirmed", "cancelled"].filter((s) => s === "cancelled" || can(user, "order:manage")),
      };
    },
    // Under a rush the pool queues transactions; let them wait rather than fail.
    { maxWait: 20_000, timeout: 30_000 },
  );
}
