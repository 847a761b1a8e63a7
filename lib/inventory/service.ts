import { recordAudit, listAuditEvents, type Actor } from "@/lib/audit";
import { requirePermission, can, type SessionUser } from "@/lib/auth/permissions";
import { cachedRead } from "@/lib/read-cache";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Decimal } from "@/lib/money";
import { ensureProducts, isPublished, listPublishedKeys } from "@/lib/products/service";
import { afterCursor, cursorValueFor, decodeCursor, encodeCursor, orderByFor, parseSort, type Page } from "@/lib/pagination";
import { toDeviceDto, type DeviceDto } from "./dto";
import { deviceLifecycle, manualDeviceLifecycle, type DeviceStatus } from "./lifecycle";
import type { CreateDeviceInput, ListDevicesQuery, UpdateDeviceInput } from "./schemas";

export type DeviceFilter = Pick<ListDevicesQuery, "status" | "type" | "model" | "q">;

/** Customers see the catalog (in-stock units) only; asking for anything else is forbidden. */
function scopeFilter(user: SessionUser, filter: DeviceFilter): DeviceFilter {
  if (can(user, "device:read")) return filter;
  requirePermission(user, "catalog:read");
  if (filter.status && filter.status !== "in_stock") {
    throw new AppError("forbidden", "Customers can list in-stock devices only");
  }
  return { ...filter, status: "in_stock" };
}

export function deviceWhere(filter: DeviceFilter): Prisma.DeviceWhereInput {
  const where: Prisma.DeviceWhereInput = {};
  if (filter.status) where.status = filter.status;
  if (filter.type) where.type = filter.type;
  if (filter.model) where.model = filter.model;
  if (filter.q) {
    // Prisma passes `contains` text into LIKE as is: escape its wildcards so "%" means a percent sign.
    const q = filter.q.replace(/[\\%_]/g, "\\$&");
    where.OR = [
      { name: { contains: q, mode: "insensitive" } },
      { model: { contains: q, mode: "insensitive" } },
      { serialNumber: { contains: q, mode: "insensitive" } },
    ];
  }
  return where;
}

const castSortValue = (field: string) => (value: string | number | null) => {
  if (field === "createdAt" || field === "updatedAt") return cursorValueFor("date", value);
  if (field === "price") return new Decimal(cursorValueFor("decimal", value) as string);
  return cursorValueFor("text", value);
};

/** A customer sees units of published products only; a draft's units are not for sale yet. */
async function customerScope(user: SessionUser, where: Prisma.DeviceWhereInput): Promise<Prisma.DeviceWhereInput> {
  if (can(user, "device:read")) return where;
  const keys = await listPublishedKeys();
  return { AND: [where, keys.length ? { OR: keys.map(({ type, model }) => ({ type, model })) } : { id: { lt: 0 } }] };
}

export async function listDevices(user: SessionUser, query: ListDevicesQuery): Promise<Page<DeviceDto>> {
  const filter = scopeFilter(user, query);
  const sort = parseSort(query.sort);
  const where = await customerScope(user, deviceWhere(filter));
  const pageWhere = query.cursor
    ? { AND: [where, afterCursor(sort, decodeCursor(query.cursor), castSortValue(sort.field))] }
    : where;
  const [rows, total] = await Promise.all([
    db().device.findMany({ where: pageWhere, orderBy: orderByFor(sort), take: query.limit + 1 }),
    cachedRead(`devices:${can(user, "device:read") ? "all" : "published"}:${JSON.stringify(filter)}`, () => db().device.count({ where })),
  ]);
  const hasMore = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map(toDeviceDto);
  const last = items.at(-1);
  const lastValue = last ? (last as unknown as Record<string, string | number | null>)[sort.field] : null;
  return { items, total, nextCursor: hasMore && last ? encodeCursor(lastValue, last.id) : null };
}

/** Every unit matching the filter, for the CSV export (admin only). */
export async function listAllDevices(user: SessionUser, filter: DeviceFilter): Promise<DeviceDto[]> {
  requirePermission(user, "device:read");
  const rows = await db().device.findMany({ where: deviceWhere(filter), orderBy: { id: "asc" }, take: 100_000 });
  return rows.map(toDeviceDto);
}

export async function getDevice(user: SessionUser, id: number): Promise<DeviceDto> {
  const device = await db().device.findUnique({ where: { id } });
  // A customer may look at catalog units only; other units do not exist for them.
  if (!device || (!can(user, "device:read") && (device.status !== "in_stock" || !(await isPublished(device.type, device.model))))) {
    throw notFound("Device");
  }
  return toDeviceDto(device);
}

export async function getDeviceHistory(user: SessionUser, id: number) {
  requirePermission(user, "device:read");
  const device = await db().device.findUnique({ where: { id }, select: { id: true } });
  if (!device) throw notFound("Device");
  return listAuditEvents(db(), "device", id);
}

export async function createDevice(user: SessionUser, input: CreateDeviceInput): Promise<DeviceDto> {
  requirePermission(user, "device:write");
  return db().$transaction(async (tx) => {
    const device = await tx.device.create({
      data: { ...input, description: input.description ?? null, specifications: (input.specifications ?? {}) as Prisma.InputJsonValue },
    });
    // A new type and model is a new product: a draft until an admin describes and publishes it.
    await ensureProducts(tx, [device]);
    await recordAudit(tx, { entityType: "device", entityId: device.id, action: "created", toStatus: device.status, actor: user });
    return toDeviceDto(device);
  });
}

export async function updateDevice(user: SessionUser, id: number, input: UpdateDeviceInput): Promise<DeviceDto> {
  requirePermission(user, "device:write");
  return db().$transaction(async (tx) => {
    const before = await tx.device.findUnique({ where: { id } });
    if (!before) throw notFound("Device");
    const { specifications, ...fields } = input;
    const data: Prisma.DeviceUpdateInput = { ...fields };
    if (specifications) data.specifications = specifications as Prisma.InputJsonValue;
    const device = await tx.device.update({ where: { id }, data });
    if (device.type !== before.type || device.model !== before.model) await ensureProducts(tx, [device]);
    const changed = Object.keys(input).filter(
      (k) => JSON.stringify((toDeviceDto(before) as unknown as Record<string, unknown>)[k]) !==
        JSON.stringify((toDeviceDto(device) as unknown as Record<string, unknown>)[k]),
    );
    if (changed.length) {
      await recordAudit(tx, { entityType: "device", entityId: id, action: "updated", actor: user, data: { fields: changed } });
    }
    return toDeviceDto(device);
  });
}

/** Whether the unit was ever in an order: such a unit is kept for the record, never deleted. */
export async function wasDeviceEverOrdered(user: SessionUser, id: number): Promise<boolean> {
  requirePermission(user, "device:read");
  return (await db().orderItem.count({ where: { deviceId: id } })) > 0;
}

export async function deleteDevice(user: SessionUser, id: number): Promise<void> {
  requirePermission(user, "device:write");
  await db().$transaction(async (tx) => {
    const device = await tx.device.findUnique({ where: { id }, include: { _count: { select: { orderItems: true } } } });
    if (!device) throw notFound("Device");
    if (device._count.orderItems > 0) {
      throw new AppError("conflict", "This unit has been ordered and cannot be deleted; mark it defective instead");
    }
    await tx.device.delete({ where: { id } });
    await recordAudit(tx, {
      entityType: "device",
      entityId: id,
      action: "deleted",
      fromStatus: device.status,
      actor: user,
      data: { serialNumber: device.serialNumber },
    });
  });
}

/**
 * Moves one unit to `to` inside the caller's transaction, following the lifecycle table and
 * guarding against a concurrent change (the update matches the status it read). Orders,
 * deliveries and telemetry use this with their own actor; admins go through changeDeviceStatus.
 */
export async function moveDevice(
  tx: Tx,
  deviceId: number,
  to: DeviceStatus,
  actor: Actor,
  options: { reason?: string | null; manual?: boolean; data?: Prisma.InputJsonValue; at?: Date } = {},
) {
  const device = await tx.device.findUnique({ where: { id: deviceId } });
  if (!device) throw notFound("Device");
  const from = device.status as DeviceStatus;
  (options.manual ? manualDeviceLifecycle : deviceLifecycle).assertTransition(from, to);
  if (options.manual && from === "maintenance" && to === "deployed" && !device.deployedAt) {
    throw new AppError("invalid_transition", "Only a unit that was deployed before can go back to deployed", {
      from,
      to,
      allowed: manualDeviceLifecycle.nextStates(from).filter((s) => s !== "deployed"),
    });
  }
  const extra: Prisma.DeviceUpdateManyMutationInput = to === "deployed" && !device.deployedAt ? { deployedAt: options.at ?? new Date() } : {};
  const { count } = await tx.device.updateMany({ where: { id: deviceId, status: from }, data: { status: to, ...extra } });
  if (count !== 1) throw new AppError("conflict", "The unit changed while this request was handled; try again");
  await recordAudit(tx, {
    entityType: "device",
    entityId: deviceId,
    action: "status_changed",
    fromStatus: from,
    toStatus: to,
    reason: options.reason,
    actor,
    data: options.data,
    at: options.at,
  });
  return { ...device, status: to };
}

export async function changeDeviceStatus(user: SessionUser, id: number, status: DeviceStatus, reason: string): Promise<DeviceDto> {
  requirePermission(user, "device:write");
  await db().$transaction((tx) => moveDevice(tx, id, status, user, { reason, manual: true }));
  const device = await db().device.findUniqueOrThrow({ where: { id } });
  return toDeviceDto(device);
}
