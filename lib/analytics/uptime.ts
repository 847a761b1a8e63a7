/**
 * Uptime from the connectivity history (`device_connectivity`, one document per online/offline
 * transition, written by lib/monitoring/connectivity-detector.ts), per device and per customer.
 *
 * The rules: a device's state at any instant is the `to` of its last transition at or before it;
 * before its first transition it is `never_connected`, which is not online — so a device never
 * seen online is 0 %. The last transition before the range decides the state at its start. Only
 * time after deployment counts (`deployed_at`: its first telemetry after delivery) and never time
 * after now: a device's window is [max(from, deployedAt), min(to, now)). Devices not deployed by
 * the end of that window have no uptime and are not listed. A customer's uptime is time-weighted:
 * online time of all their devices over the sum of their windows.
 */
import type { Db } from "mongodb";
import { db as prisma } from "@/lib/db";
import type { Connectivity } from "@/lib/monitoring/alert-model";
import { CONNECTIVITY_HISTORY, type ConnectivityTransition } from "@/lib/monitoring/connectivity-detector";
import { telemetryDb } from "@/lib/telemetry/mongo";
import type { AnalyticsRange } from "./range";

const HOUR = 3_600_000;

export interface StateChange {
  at: number;
  to: Connectivity;
}

/**
 * Milliseconds online within [from, to). `changes` may be in any order and may include changes
 * before `from` (the latest of them sets the starting state) and after `to` (ignored). Changes
 * at the same instant apply in the order given.
 */
export function onlineMs(changes: StateChange[], from: number, to: number): number {
  if (!(to > from)) return 0;
  const sorted = changes.map((c, i) => ({ ...c, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  let state: Connectivity = "never_connected";
  let cursor = from;
  let online = 0;
  for (const c of sorted) {
    if (c.at <= from) {
      state = c.to;
      continue;
    }
    if (c.at >= to) break;
    if (state === "online") online += c.at - cursor;
    cursor = c.at;
    state = c.to;
  }
  if (state === "online") online += to - cursor;
  return online;
}

/** A device's time in [from, to): online, the rest (offline or not yet connected), and outages. */
export interface UptimeTotals {
  onlineMs: number;
  offlineMs: number;
  /** Times it went offline within the window. */
  outages: number;
  /** online / window, 0–1; null for an empty window (not deployed in the range). */
  uptime: number | null;
}

/** The totals over [from, to) by the rules above (`onlineMs`), plus the outages inside it. */
export function uptimeTotals(changes: StateChange[], from: number, to: number): UptimeTotals {
  if (!(to > from)) return { onlineMs: 0, offlineMs: 0, outages: 0, uptime: null };
  const online = onlineMs(changes, from, to);
  const outages = changes.filter((c) => c.to === "offline" && c.at > from && c.at < to).length;
  return { onlineMs: online, offlineMs: to - from - online, outages, uptime: online / (to - from) };
}

export interface UptimeDevice {
  id: number;
  name: string;
  serialNumber: string;
  deployedAt: Date;
  customer: { id: number; name: string } | null;
}

export interface DeviceUptime {
  deviceId: number;
  device: string;
  serialNumber: string;
  customerId: number | null;
  customer: string | null;
  observedHours: number;
  onlineHours: number;
  /** 0–100, one decimal. */
  uptimePct: number;
}

export interface CustomerUptime {
  customerId: number | null;
  customer: string;
  devices: number;
  observedHours: number;
  onlineHours: number;
  uptimePct: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Pure: uptime per device (lowest first) and per customer (lowest first). */
export function computeUptime(
  devices: UptimeDevice[],
  changes: Map<number, StateChange[]>,
  range: AnalyticsRange,
  now: Date,
): { devices: DeviceUptime[]; customers: CustomerUptime[] } {
  const end = Math.min(range.to.getTime(), now.getTime());
  const rows: (DeviceUptime & { online: number; observed: number })[] = [];
  for (const d of devices) {
    const start = Math.max(range.from.getTime(), d.deployedAt.getTime());
    if (!(end > start)) continue;
    const online = onlineMs(changes.get(d.id) ?? [], start, end);
    const observed = end - start;
    rows.push({
      deviceId: d.id,
      device: d.name,
      serialNumber: d.serialNumber,
      customerId: d.customer?.id ?? null,
      customer: d.customer?.name ?? null,
      observedHours: round(observed / HOUR, 2),
      onlineHours: round(online / HOUR, 2),
      uptimePct: round((online / observed) * 100, 1),
      online,
      observed,
    });
  }
  const byCustomer = new Map<number | null, { name: string; devices: number; online: number; observed: number }>();
  for (const r of rows) {
    const c = byCustomer.get(r.customerId) ?? { name: r.customer ?? "(no customer)", devices: 0, online: 0, observed: 0 };
    c.devices++;
    c.online += r.online;
    c.observed += r.observed;
    byCustomer.set(r.customerId, c);
  }
  const customers = [...byCustomer.entries()]
    .map(([customerId, c]) => ({
      customerId,
      customer: c.name,
      devices: c.devices,
      observedHours: round(c.observed / HOUR, 2),
      onlineHours: round(c.online / HOUR, 2),
      uptimePct: round((c.online / c.observed) * 100, 1),
    }))
    .sort((a, b) => a.uptimePct - b.uptimePct || a.customer.localeCompare(b.customer));
  return {
    devices: rows
      .map(({ online: _online, observed: _observed, ...r }) => r)
      .sort((a, b) => a.uptimePct - b.uptimePct || a.deviceId - b.deviceId),
    customers,
  };
}

/** Deployed devices (by the end of the range) with the customer whose order they shipped in. */
async function listDeployedDevices(end: Date): Promise<UptimeDevice[]> {
  const rows = await prisma().device.findMany({
    where: { deployedAt: { not: null, lt: end } },
    select: {
      id: true,
      name: true,
      serialNumber: true,
      deployedAt: true,
      orderItems: {
        where: { order: { status: { not: "cancelled" } } },
        orderBy: { id: "desc" },
        take: 1,
        select: { order: { select: { customer: { select: { id: true, name: true } } } } },
      },
    },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, serialNumber: r.serialNumber, deployedAt: r.deployedAt!, customer: r.orderItems[0]?.order.customer ?? null }));
}

/**
 * Each device's transitions inside the window plus its last one before it (the starting state):
 * one indexed point read per device for the latter (`device_at`), never the whole history.
 */
export async function readConnectivityChanges(db: Db, ids: number[], from: Date, end: Date): Promise<Map<number, StateChange[]>> {
  const col = db.collection<ConnectivityTransition>(CONNECTIVITY_HISTORY);
  const projection = { _id: 0, device_id: 1, to: 1, at: 1 };
  const changes = new Map<number, StateChange[]>(ids.map((id) => [id, []]));
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const inside = await col.find({ device_id: { $in: chunk }, at: { $gte: from, $lt: end } }, { projection }).toArray();
    for (const t of inside) changes.get(t.device_id)?.push({ at: t.at.getTime(), to: t.to });
    const before = await Promise.all(chunk.map((id) => col.findOne({ device_id: id, at: { $lt: from } }, { projection, sort: { at: -1 } })));
    for (const t of before) if (t) changes.get(t.device_id)?.push({ at: t.at.getTime(), to: t.to });
  }
  return changes;
}

export async function listUptime(range: AnalyticsRange, now = new Date(), db: Db = telemetryDb()) {
  const end = new Date(Math.min(range.to.getTime(), now.getTime()));
  const devices = await listDeployedDevices(end);
  if (!devices.length) return { devices: [], customers: [] };
  // Transitions before a device's deployment never count, so one `from` for all is enough.
  const changes = await readConnectivityChanges(db, devices.map((d) => d.id), range.from, end);
  return computeUptime(devices, changes, range, now);
}

/**
 * Uptime totals of the given devices over a range (the monthly fleet report), by the same rules
 * as the analytics page: each device's window is [max(from, deployedAt), min(to, now)).
 */
export async function readUptime(
  devices: { id: number; deployedAt: Date | null }[],
  range: { from: Date; to: Date },
  now = new Date(),
  db: Db = telemetryDb(),
): Promise<Map<number, UptimeTotals>> {
  const end = Math.min(range.to.getTime(), now.getTime());
  const changes = await readConnectivityChanges(db, devices.map((d) => d.id), range.from, new Date(end));
  return new Map(
    devices.map((d) => {
      const start = d.deployedAt ? Math.max(range.from.getTime(), d.deployedAt.getTime()) : end;
      return [d.id, uptimeTotals(changes.get(d.id) ?? [], start, end)] as const;
    }),
  );
}
