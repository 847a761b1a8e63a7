import { requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatMoney } from "@/lib/money";
import { loadProductNames } from "@/lib/products/names";
import { ORDER_STATUSES, type OrderStatus } from "./lifecycle";

/** The fulfilment board's default view: orders someone has to act on. */
export const TODO_STATUSES: readonly OrderStatus[] = ["pending", "confirmed", "processing"];

export interface BoardOrderDto {
  id: number;
  orderNumber: string;
  status: string;
  totalAmount: string;
  shippingAddress: string;
  customer: { name: string; email: string };
  createdAt: string;
  /** "2 × Temperature Sensor (TH-100)" lines, grouped by product. */
  lines: { name: string; model: string; quantity: number; serialNumbers: string[] }[];
  trackingNumbers: string[];
}

const boardInclude = {
  customer: { select: { name: true, email: true } },
  items: { select: { quantity: true, device: { select: { name: true, type: true, model: true, serialNumber: true } } }, orderBy: { id: "asc" } },
  deliveries: { select: { trackingNumber: true, status: true }, orderBy: { id: "asc" } },
} satisfies Prisma.OrderInclude;

type BoardRow = Prisma.OrderGetPayload<{ include: typeof boardInclude }>;

function toBoardOrderDto(o: BoardRow, nameOf: (unit: BoardRow["items"][number]["device"]) => string): BoardOrderDto {
  const lines = new Map<string, BoardOrderDto["lines"][number]>();
  for (const item of o.items) {
    const key = `${item.device.type}\u0000${item.device.model}`;
    const line = lines.get(key) ?? { name: nameOf(item.device), model: item.device.model, quantity: 0, serialNumbers: [] };
    line.quantity += item.quantity;
    line.serialNumbers.push(item.device.serialNumber);
    lines.set(key, line);
  }
  return {
    id: o.id,
    orderNumber: o.orderNumber,
    status: o.status,
    totalAmount: formatMoney(o.totalAmount),
    shippingAddress: o.shippingAddress,
    customer: { name: o.customer.name, email: o.customer.email },
    createdAt: o.createdAt.toISOString(),
    lines: [...lines.values()],
    trackingNumbers: o.deliveries.filter((d) => d.status !== "returned").map((d) => d.trackingNumber),
  };
}

async function toBoardOrderDtos(rows: BoardRow[]): Promise<BoardOrderDto[]> {
  const nameOf = await loadProductNames(rows.flatMap((o) => o.items.map((i) => i.device)));
  return rows.map((o) => toBoardOrderDto(o, nameOf));
}

/**
 * Admin only: orders in the given statuses (oldest first, so the longest-waiting comes first),
 * matching the search in order number, customer or address.
 */
export async function listBoardOrders(user: SessionUser, query: { statuses: readonly OrderStatus[]; q?: string; limit: number }): Promise<BoardOrderDto[]> {
  requirePermission(user, "order:manage");
  const where: Prisma.OrderWhereInput = { status: { in: [...query.statuses] } };
  const q = query.q?.trim().slice(0, 100);
  if (q) {
    where.OR = [
      { orderNumber: { contains: q, mode: "insensitive" } },
      { shippingAddress: { contains: q, mode: "insensitive" } },
      { customer: { name: { contains: q, mode: "insensitive" } } },
      { customer: { email: { contains: q, mode: "insensitive" } } },
    ];
  }
  const rows = await db().order.findMany({ where, include: boardInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: query.limit });
  return toBoardOrderDtos(rows);
}

/** Admin only: the orders with these ids, for packing slips. */
export async function listOrdersByIds(user: SessionUser, ids: number[]): Promise<BoardOrderDto[]> {
  requirePermission(user, "order:manage");
  const rows = await db().order.findMany({ where: { id: { in: ids.slice(0, 100) } }, include: boardInclude, orderBy: { id: "asc" } });
  return toBoardOrderDtos(rows);
}

/** How many orders are in each status (for the board's tabs). */
export async function countOrdersByStatus(user: SessionUser): Promise<Record<OrderStatus, number>> {
  requirePermission(user, "order:manage");
  const groups = await db().order.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const g of groups) if (g.status in counts) counts[g.status as OrderStatus] = g._count._all;
  return counts;
}
