import type { Binary, Db } from "mongodb";
import pg from "pg";
import { CONNECTIVITY_HISTORY } from "@/lib/monitoring/connectivity-detector";
import { COLLECTIONS } from "./mongo";

/**
 * FerretDB 1.x on PostgreSQL keeps each collection as a table of one jsonb column, `_jsonb`, and
 * pushes a query's top-level equalities down to PostgreSQL as `_jsonb->'field' @> value`. The
 * indexes it makes for createIndex are btree indexes on `_jsonb->'field'`, which PostgreSQL cannot
 * use for `@>`: every find, a point read by `_id` included, reads the whole table. Measured over
 * 51,000 rollups of one device: one rollup by `_id` took 58 ms in PostgreSQL (a sequential scan),
 * a week of hourly buckets 92 ms. A GIN index (jsonb_path_ops) on the same expression serves `@>`:
 * 0.04 ms and 3.3 ms.
 *
 * FerretDB also passes the field's name as a parameter (`_jsonb->$1`), so a generic plan of its
 * prepared statements can never use such an index; and PostgreSQL keeps choosing a generic plan
 * (a sequential scan) for a statement first planned before the index existed, since the custom
 * plans it remembers cost as much. Measured: 40 % of point reads still scanned after the indexes
 * were made. So the database is also set to always plan with the actual values
 * (plan_cache_mode = force_custom_plan), for the connections FerretDB opens from then on;
 * scripts/services.sh starts FerretDB with the same setting on every connection.
 *
 * So, for the fields this product filters on by equality, those GIN indexes are made here, on the
 * tables behind this database's collections. FerretDB never sees them (its listIndexes reads its
 * own metadata) and drops them with a collection's table. Real MongoDB needs none of this: there
 * it is a no-op, as it is when FerretDB's PostgreSQL is not the one at FERRETDB_POSTGRESQL_URL (a
 * collection's UUID must match there, which is the proof it is this server's backend).
 */
export const EQUALITY_FIELDS: Record<string, readonly string[]> = {
  // The readings of one device (lists, the latest reading, the applied configuration).
  [COLLECTIONS.data]: ["device_id"],
  // The worker's upsert of each bucket, and a chart's point reads, are by `_id`; a longer chart
  // filters on device, metric and size.
  [COLLECTIONS.rollups]: ["_id", "device_id", "metric", "size"],
  [COLLECTIONS.alerts]: ["_id", "device_id", "status", "slot"],
  [CONNECTIVITY_HISTORY]: ["device_id"],
};

export type EqualityIndexOutcome = { made: string[] } | { skipped: string };

const uuidOf = (info: { uuid?: Binary } | undefined) => {
  const hex = info?.uuid ? Buffer.from(info.uuid.buffer).toString("hex") : "";
  return hex.length === 32 ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` : null;
};

/** PostgreSQL cuts identifiers at 63 bytes; these names are ASCII. */
const indexNameOf = (table: string, field: string) => `${table}_${field}_eq`.slice(0, 63);

/**
 * One GIN index, built CONCURRENTLY: on a worker's first start over a large existing store, a
 * plain CREATE INDEX would hold off every other worker's inserts (and the retention job's
 * deletes) for as long as the build takes. A concurrent build that failed or was interrupted
 * leaves an invalid index that IF NOT EXISTS would keep forever; it is dropped and built again.
 */
async function buildConcurrently(client: pg.Client, schemaName: string, table: string, field: string): Promise<void> {
  const schema = client.escapeIdentifier(schemaName);
  const index = indexNameOf(table, field);
  const invalid = await client.query(
    `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = $2 AND NOT i.indisvalid`,
    [schemaName, index],
  );
  if (invalid.rowCount) await client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${schema}.${client.escapeIdentifier(index)}`);
  await client.query(
    `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${client.escapeIdentifier(index)} ON ${schema}.${client.escapeIdentifier(table)}
     USING gin ((_jsonb -> ${client.escapeLiteral(field)}) jsonb_path_ops)`,
  );
}

/**
 * Idempotent; safe with several workers starting at once (one advisory lock). Throws only when
 * MongoDB does not answer; anything on the PostgreSQL side is reported as skipped.
 */
export async function ensureFerretEqualityIndexes(db: Db, postgresUrl: string): Promise<EqualityIndexOutcome> {
  const build = await db.admin().command({ buildInfo: 1 });
  if (!build.ferretdbVersion) return { skipped: "not FerretDB" };
  const collections = await db.listCollections({ name: { $in: Object.keys(EQUALITY_FIELDS) } }).toArray();
  const uuids = new Map(collections.map((c) => [uuidOf((c as { info?: { uuid?: Binary } }).info), c.name]));

  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    return { skipped: `FerretDB's PostgreSQL is not reachable at FERRETDB_POSTGRESQL_URL (${(error as Error).message})` };
  }
  try {
    // FerretDB names a database's schema after the database.
    const schema = client.escapeIdentifier(db.databaseName);
    const tables = await client
      .query<{ uuid: string; table: string }>(`SELECT _jsonb->>'uuid' AS uuid, _jsonb->>'table' AS table FROM ${schema}._ferretdb_database_metadata`)
      .then((r) => r.rows)
      .catch(() => []);
    const ours = tables.filter((t) => uuids.has(t.uuid));
    if (!ours.length) return { skipped: "FERRETDB_POSTGRESQL_URL is not this FerretDB's PostgreSQL" };
    const made: string[] = [];
    const lock = "hashtext('ferretdb-equality-indexes')";
    try {
      // A session's lock, not a transaction's: CREATE INDEX CONCURRENTLY runs outside any transaction.
      await client.query(`SELECT pg_advisory_lock(${lock})`);
      try {
        const [{ name }] = (await client.query<{ name: string }>("SELECT current_database() AS name")).rows;
        await client.query(`ALTER DATABASE ${client.escapeIdentifier(name)} SET plan_cache_mode = force_custom_plan`);
        for (const { uuid, table } of ours) {
          const collection = uuids.get(uuid)!;
          for (const field of EQUALITY_FIELDS[collection]) {
            await buildConcurrently(client, db.databaseName, table, field);
            made.push(`${collection}.${field}`);
          }
        }
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${lock})`).catch(() => {});
      }
    } catch (error) {
      // Slower reads, never a worker that does not start.
      return { skipped: `creating them failed (${(error as Error).message})` };
    }
    return { made };
  } finally {
    await client.end().catch(() => {});
  }
}
