import { MongoClient, type Db } from "mongodb";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECTIVITY_HISTORY } from "@/lib/monitoring/connectivity-detector";
import { prepareMonitoringStore } from "@/lib/monitoring/store-setup";
import { ensureFerretEqualityIndexes, EQUALITY_FIELDS } from "@/lib/telemetry/ferretdb-equality-indexes";
import { COLLECTIONS } from "@/lib/telemetry/mongo";

/**
 * The shared FerretDB (scripts/services.sh) on its PostgreSQL; a database of this file's own,
 * dropped afterwards, so the indexes checked here are the ones this run made.
 */
const MONGO_BASE = new URL(process.env.MONGODB_URL ?? "mongodb://127.0.0.1:27017/device_monitoring_test");
const FERRET_PG = process.env.FERRETDB_POSTGRESQL_URL ?? "postgresql://postgres@127.0.0.1:5432/ferretdb";
const DB_NAME = `eqidx_${process.pid}_test`;

let client: MongoClient;
let db: Db;
let backend: pg.Client;

beforeAll(async () => {
  client = await MongoClient.connect(`${MONGO_BASE.protocol}//${MONGO_BASE.host}/${DB_NAME}`);
  db = client.db();
  backend = new pg.Client({ connectionString: FERRET_PG });
  await backend.connect();
});

afterAll(async () => {
  await db?.dropDatabase().catch(() => {});
  await client?.close();
  await backend?.end();
});

const tableOf = async (collection: string) =>
  (await backend.query(`SELECT _jsonb->>'table' AS t FROM "${DB_NAME}"._ferretdb_database_metadata WHERE _jsonb->>'_id' = $1`, [collection])).rows[0].t as string;

/** The plan PostgreSQL picks for FerretDB's own shape of a pushed-down equality (key and value as parameters). */
async function planFor(collection: string, field: string, value: unknown): Promise<string> {
  const table = await tableOf(collection);
  await backend.query("BEGIN");
  try {
    // Only whether an index can serve the filter at all, not whether this small table makes it cheaper.
    await backend.query("SET LOCAL enable_seqscan = off");
    await backend.query(`PREPARE pushed(text, jsonb) AS SELECT _jsonb FROM "${DB_NAME}"."${table}" WHERE _jsonb->$1 @> $2`);
    const rows = (await backend.query(`EXPLAIN EXECUTE pushed(${backend.escapeLiteral(field)}, ${backend.escapeLiteral(JSON.stringify(value))})`)).rows;
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await backend.query("ROLLBACK");
    await backend.query("DEALLOCATE ALL");
  }
}

describe("FerretDB equality indexes", () => {
  it("serve the equalities FerretDB pushes down, for every listed field; made once, idempotently", async () => {
    const first = await prepareMonitoringStore(db, FERRET_PG);
    const expected = Object.entries(EQUALITY_FIELDS).flatMap(([c, fields]) => fields.map((f) => `${c}.${f}`));
    expect(first).toEqual({ made: expect.arrayContaining(expected) });
    expect(await prepareMonitoringStore(db, FERRET_PG)).toEqual(first);

    await db.collection<{ _id: string; device_id: number }>(COLLECTIONS.rollups).insertOne({ _id: "1:temperature:1h:x", device_id: 1 });
    expect(await planFor(COLLECTIONS.rollups, "_id", "1:temperature:1h:x")).toMatch(/Bitmap Index Scan on \S+__id_eq/);
    expect(await planFor(COLLECTIONS.rollups, "size", "1h")).toMatch(/Bitmap Index Scan on \S+_size_eq/);
    expect(await planFor(COLLECTIONS.data, "device_id", 7)).toMatch(/Bitmap Index Scan on \S+_device_id_eq/);

    // And through FerretDB: the reads still answer exactly what they did.
    expect(await db.collection(COLLECTIONS.rollups).findOne({ _id: "1:temperature:1h:x" as never })).toMatchObject({ device_id: 1 });
    expect(await db.collection(COLLECTIONS.rollups).countDocuments({ device_id: 2 })).toBe(0);
  });

  it("are built again when an interrupted concurrent build left one invalid", async () => {
    await prepareMonitoringStore(db, FERRET_PG);
    const index = `"${DB_NAME}"."${await tableOf(COLLECTIONS.data)}_device_id_eq"`;
    // What CREATE INDEX CONCURRENTLY leaves behind when it fails or its session dies: the index, marked invalid,
    // which the planner ignores and IF NOT EXISTS would keep forever.
    await backend.query("UPDATE pg_index SET indisvalid = false WHERE indexrelid = $1::regclass", [index]);
    expect(await planFor(COLLECTIONS.data, "device_id", 7)).not.toMatch(/Index Scan/);
    await prepareMonitoringStore(db, FERRET_PG);
    expect(await planFor(COLLECTIONS.data, "device_id", 7)).toMatch(/Bitmap Index Scan on \S+_device_id_eq/);
    const valid = await backend.query("SELECT indisvalid FROM pg_index WHERE indexrelid = $1::regclass", [index]);
    expect(valid.rows).toEqual([{ indisvalid: true }]);
  });

  it("are used even by a statement FerretDB prepared before they existed (plans always with the actual values)", async () => {
    await prepareMonitoringStore(db, FERRET_PG);
    const settings = await backend.query("SELECT unnest(setconfig) AS s FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())");
    expect(settings.rows.map((r) => r.s)).toContain("plan_cache_mode=force_custom_plan");

    const table = await tableOf(CONNECTIVITY_HISTORY);
    await backend.query(`DROP INDEX "${DB_NAME}"."${table}_device_id_eq"`);
    // A connection of FerretDB's pool, opened after start-up: it prepares its statement and runs it
    // often enough for PostgreSQL to consider a generic plan, all while there is no index.
    const pooled = new pg.Client({ connectionString: FERRET_PG });
    await pooled.connect();
    try {
      await pooled.query(`PREPARE pushed(text, jsonb) AS SELECT _jsonb FROM "${DB_NAME}"."${table}" WHERE _jsonb->$1 @> $2`);
      for (let i = 0; i < 8; i++) await pooled.query(`EXECUTE pushed('device_id', '${i}')`);
      await prepareMonitoringStore(db, FERRET_PG);
      await pooled.query("EXECUTE pushed('device_id', '3')");
      // A generic plan of `_jsonb->$1` can use no index: it must never have been chosen.
      const [plans] = (await pooled.query("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'pushed'")).rows;
      expect(plans).toEqual({ generic_plans: "0", custom_plans: "9" });
    } finally {
      await pooled.end();
    }
  });

  it("are skipped, never thrown, when the PostgreSQL given is not FerretDB's or does not answer", async () => {
    await prepareMonitoringStore(db, FERRET_PG);
    // Another database of the same PostgreSQL: no FerretDB metadata for these collections there.
    const elsewhere = Object.assign(new URL(FERRET_PG), { pathname: "/postgres" }).toString();
    expect(await ensureFerretEqualityIndexes(db, elsewhere)).toEqual({ skipped: expect.stringMatching(/not this FerretDB's PostgreSQL/) });
    expect(await ensureFerretEqualityIndexes(db, "postgresql://postgres@127.0.0.1:1/none")).toEqual({ skipped: expect.stringMatching(/not reachable/) });
  });
});
