import { MongoServerError, type Db, type Filter, type UpdateFilter } from "mongodb";
import { COLLECTIONS } from "@/lib/telemetry/mongo";
import { OPEN_SLOT, type AlertDoc, type AlertSeverity } from "./alert-model";

/**
 * Raising, repeating and clearing alerts in `device_alerts` on the open-slot scheme of
 * alert-model.ts, keyed on (device_id, alert_type, slot "open"). The unique index keeps one
 * open alert per device and type whatever happens; the read-modify-write of a repeat is made
 * safe between workers by `withAlertLock` (FerretDB's own updates are not atomic — see there).
 * Callers wrap each call in `withAlertLock(deviceId, alertType, …)`.
 */

const DUPLICATE_KEY = 11000;
const alerts = (db: Db) => db.collection<AlertDoc>(COLLECTIONS.alerts);
const openFilter = (deviceId: number, alertType: string): Filter<AlertDoc> => ({ device_id: deviceId, alert_type: alertType, slot: OPEN_SLOT });

export interface RaiseInput {
  deviceId: number;
  alertType: string;
  severity: AlertSeverity;
  message: string;
  /** Occurrences this raise stands for (e.g. the N breaching readings that led to it). */
  count: number;
  at: Date;
  metric?: string;
  value?: number;
  threshold?: number;
  details?: Record<string, unknown>;
  /**
   * Whether a repeat overwrites severity and details (a forecast whose dates move and which
   * turns critical as the day nears); by default they keep what the first raise said.
   */
  refresh?: boolean;
}

export interface AlertChange {
  action: "raised" | "updated" | "cleared";
  alert: AlertDoc;
}

/**
 * Opens the alert, or — if one is already open for this device and type (another worker, an
 * earlier run) — adds to it. A duplicate-key error means another writer inserted between our
 * match and our insert; the retry then matches its document.
 */
export async function raiseAlert(db: Db, input: RaiseInput): Promise<AlertChange> {
  const refreshed = { severity: input.severity, ...(input.details !== undefined ? { details: input.details } : {}) };
  const update: UpdateFilter<AlertDoc> = {
    $setOnInsert: {
      acknowledged: false,
      status: "open",
      created_at: input.at,
      first_seen_at: input.at,
      ...(input.metric !== undefined ? { metric: input.metric } : {}),
      ...(input.threshold !== undefined ? { threshold: input.threshold } : {}),
      ...(input.refresh ? {} : refreshed),
    },
    $inc: { count: input.count },
    $set: {
      message: input.message,
      last_seen_at: input.at,
      ...(input.value !== undefined ? { value: input.value } : {}),
      ...(input.refresh ? refreshed : {}),
    },
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await alerts(db).findOneAndUpdate(openFilter(input.deviceId, input.alertType), update, {
        upsert: true,
        returnDocument: "after",
        includeResultMetadata: true,
      });
      if (!res.value) throw new Error("upsert returned no document");
      const inserted = res.lastErrorObject?.updatedExisting === false;
      return { action: inserted ? "raised" : "updated", alert: res.value };
    } catch (error) {
      if (attempt < 3 && error instanceof MongoServerError && error.code === DUPLICATE_KEY) continue;
      throw error;
    }
  }
}

/** Adds repeats to the open alert; null when there is none (a person cleared it meanwhile). */
export async function bumpAlert(
  db: Db,
  deviceId: number,
  alertType: string,
  bump: { count: number; at: Date; value?: number; message?: string },
): Promise<AlertChange | null> {
  const doc = await alerts(db).findOneAndUpdate(
    openFilter(deviceId, alertType),
    {
      $inc: { count: bump.count },
      $set: { last_seen_at: bump.at, ...(bump.value !== undefined ? { value: bump.value } : {}), ...(bump.message ? { message: bump.message } : {}) },
    },
    { returnDocument: "after" },
  );
  return doc ? { action: "updated", alert: doc } : null;
}

/**
 * Clears the open alert as the system (the device recovered): status cleared, and the slot
 * becomes the alert's own id so the next breach can open a new one. Null when none is open.
 */
export async function clearAlertBySystem(db: Db, deviceId: number, alertType: string, at: Date): Promise<AlertChange | null> {
  const open = await alerts(db).findOne(openFilter(deviceId, alertType), { projection: { _id: 1 } });
  if (!open) return null;
  const doc = await alerts(db).findOneAndUpdate(
    { _id: open._id, slot: OPEN_SLOT },
    { $set: { status: "cleared", slot: open._id.toHexString(), cleared_by: "system", cleared_at: at } },
    { returnDocument: "after" },
  );
  return doc ? { action: "cleared", alert: doc } : null;
}

export function findOpenAlert(db: Db, deviceId: number, alertType: string): Promise<AlertDoc | null> {
  return alerts(db).findOne(openFilter(deviceId, alertType));
}
