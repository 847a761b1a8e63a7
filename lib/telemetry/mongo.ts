import { MongoClient, type Db } from "mongodb";
import { config } from "@/lib/config";

export const COLLECTIONS = {
  data: "monitoring_data",
  rollups: "monitoring_rollups",
  alerts: "device_alerts",
} as const;

/** A stored reading in `monitoring_data`; `device_id` is the store's (PostgreSQL) device id. */
export interface ReadingDoc {
  messageId: string;
  device_id: number;
  timestamp: Date;
  receivedAt: Date;
  metrics: Partial<Record<string, number>>;
  location?: { lat: number; lng: number };
  raw_data?: Record<string, unknown>;
}

/** A rollup: one device, one metric, one bucket. `_id` is the key so an upsert is a point write. */
export interface RollupDoc {
  _id: string;
  device_id: number;
  metric: string;
  size: string;
  start: Date;
  count: number;
  sum: number;
  min: number;
  max: number;
}

const globalForMongo = globalThis as unknown as { telemetryMongo?: MongoClient };

/** One client per process; the driver reconnects by itself and retries reads/writes once. */
export function mongoClient(url = config().MONGODB_URL): MongoClient {
  globalForMongo.telemetryMongo ??= new MongoClient(url, {
    serverSelectionTimeoutMS: 5000,
    maxPoolSize: 20,
  });
  return globalForMongo.telemetryMongo;
}

export const telemetryDb = (): Db => mongoClient().db();

const ignoreExists = (error: unknown) => {
  // 48 NamespaceExists: another process created it first.
  if ((error as { code?: number }).code !== 48) throw error;
};

/**
 * Creates collections and indexes, idempotently. `monitoring_data` is a normal collection even
 * on MongoDB: time-series collections cannot carry the unique `messageId` index that makes
 * redelivery harmless, and exactly-once storage matters more here. FerretDB has none anyway.
 */
export async function ensureTelemetryCollections(db: Db = telemetryDb()): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of [COLLECTIONS.data, COLLECTIONS.rollups]) {
    if (!existing.has(name)) await db.createCollection(name).catch(ignoreExists);
  }
  const data = db.collection(COLLECTIONS.data);
  await data.createIndex({ messageId: 1 }, { unique: true, name: "messageId_unique" });
  await data.createIndex({ device_id: 1, timestamp: -1 }, { name: "device_time" });
  await data.createIndex({ timestamp: 1 }, { name: "time" });
  await db.collection(COLLECTIONS.rollups).createIndex({ device_id: 1, size: 1, start: 1 }, { name: "device_size_start" });
  await db.collection(COLLECTIONS.rollups).createIndex({ size: 1, start: 1 }, { name: "size_start" });
}
