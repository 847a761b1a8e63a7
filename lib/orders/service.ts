import { listAuditEvents } from "@/lib/audit";
import { can, isAdmin, requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { deliveryDtoFor, deliveryInclude } from "@/lib/deliveries/dto";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loadProductNames } from "@/lib/products/names";
import { afterNewestFirstCursor, encodeCursor, type Page } from "@/lib/pagination";
import { toCustomerTimeline, toOrderItemDto, toOrderSummaryDto, orderSummaryInclude, type OrderDetailDto, type OrderSummaryDto } from "./dto";
import { manualOrderLifecycle, ACTIVE_ORDER_STATUSES, type OrderStatus } from "./lifecycle";
import type { ChangeOrderStatusInput, ListOrdersQuery } from "./schemas";
import { lockOrder, moveOrder } from "./transitions";

export { placeOrder } from "./place-order";

/** Admins see every order (with filters); customers only their own. */
export async function listOrders(user: SessionUser, query: ListOrdersQuery): Promise<Page<OrderSummaryDto>> {
  requirePermission(user, "order:read");
  const where: Prisma.OrderWhereInput = {};
  if (query.status) where.status = query.status;
  if (isAdmin(user)) {
    if (query.customerId) where.customerId = query.customerId;
  } else {
    where.customerId = user.id;
  }
  if (query.q) where.orderNumber = { contains: query.q, mode: "insensitive" };
  const pageWhere = afterNewestFirstCursor(where, query.cursor);
  const [rows, total] = await Promise.all([
    db().order.findMany({
      where: pageWhere,
      include: orderSummaryInclude,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    }),
    db().order.count({ where }),
  ]);
  const items = rows.slice(0, query.limit).map(toOrderSummaryDto);
  const last = items.at(-1);
  return { items, total, nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** What this viewer may move the order to by hand. */
function nextStatusesFor(user: SessionUser, status: OrderStatus, ownerId: number): OrderStatus[] {
  if (can(user, "order:manage")) return [...manualOrderLifecycle.nextStates(status)];
  return status === "pending" && can(user, "order:cancel", { ownerId }) ? ["cancelled"] : [];
}

/** One order with its items, deliveries and timeline; someone else's order is a 404. */
export async function getOrder(user: SessionUser, id: number): Promise<OrderDetailDto> {
  const order = await db().order.findUnique({
    where: { id },
    include: {
      ...orderSummaryInclude,
      items: { include: { device: true }, orderBy: { id: "asc" } },
    },
  });
  if (!order) throw notFound("Order");
  requirePermission(user, "order:read", { ownerId: order.customerId }, "Order");
  const [deliveries, timeline, nameOf] = await Promise.all([
    db().delivery.findMany({ where: { orderId: id }, include: deliveryInclude, orderBy: { id: "asc" } }),
    listAuditEvents(db(), "order", id),
    loadProductNames(order.items.map((i) => i.device)),
  ]);
  return {
    ...toOrderSummaryDto(order),
    items: order.items.map((i) => toOrderItemDto(i, nameOf(i.device))),
    // A parcel's units are this order's: the same names.
    deliveries: deliveries.map((d) => deliveryDtoFor(user)(d, nameOf)),
    timeline: isAdmin(user) ? timeline : toCustomerTimeline(timeline, user.id),
    nextStatuses: nextStatusesFor(user, order.status as OrderStatus, order.customerId),
  };
}

/**
 * `PUT /api/orders/{id}/status`: admins move orders along the by-hand table; a customer may
 * only cancel their own pending order. Someone else's order does not exist for a customer.
 */
export async function changeOrderStatus(user: SessionUser, id: number, input: ChangeOrderStatusInput): Promise<OrderDetailDto> {
  await db().$transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    requirePermission(user, "order:read", { ownerId: order.customerId }, "Order");
    if (!can(user, "order:manage")) {
      if (input.status !== "cancelled") requirePermission(user, "order:manage");
      requirePermission(user, "order:cancel", { ownerId: order.customerId }, "Order");
      if (order.status !== "pending") {
        throw new AppError("forbidden", "Only a pending order can be cancelled online; contact the shop");
      }
    }
    await moveOrder(tx, order, input.status, user, { note: input.note, manual: true });
  });
  return getOrder(user, id);
}

/** The open order holding a unit (reserved or shipped to a customer), for the device page. */
export async function findOrderHoldingDevice(deviceId: number) {
  const item = await db().orderItem.findFirst({
    where: { deviceId, order: { status: { in: [...ACTIVE_ORDER_STATUSES, "delivered"] } } },
    orderBy: { id: "desc" },
    select: { order: { select: { id: true, orderNumber: true, status: true, customer: { select: { name: true, email: true } } } } },
  });
  return item?.order ?? null;
}
