import type pg from "pg";
import type { ColumnSpec, IndexSpec, TableSpec } from "./parse-prisma-schema";

/** What PostgreSQL reports for a column of the given Prisma type (Prisma's own mapping). */
export function expectedColumnType(c: ColumnSpec): string {
  const n = c.nativeType;
  if (n) {
    switch (n.name) {
      case "VarChar": return `character varying(${n.args[0]})`;
      case "Char": return `character(${n.args[0]})`;
      case "Text": return "text";
      case "Timestamptz": return `timestamp with time zone(${n.args[0] ?? 6})`;
      case "Timestamp": return `timestamp without time zone(${n.args[0] ?? 6})`;
      case "Decimal": return `numeric(${n.args[0]},${n.args[1]})`;
      case "Uuid": return "uuid";
      default: throw new Error(`schema-check: native type @db.${n.name} is not mapped yet`);
    }
  }
  switch (c.prismaType) {
    case "Int": return "integer";
    case "BigInt": return "bigint";
    case "String": return "text";
    case "Boolean": return "boolean";
    case "DateTime": return "timestamp without time zone(3)";
    case "Decimal": return "numeric(65,30)";
    case "Json": return "jsonb";
    case "Float": return "double precision";
    case "Bytes": return "bytea";
    default: throw new Error(`schema-check: Prisma type ${c.prismaType} is not mapped yet`);
  }
}

interface DbColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: "YES" | "NO";
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  datetime_precision: number | null;
}

function actualColumnType(c: DbColumn): string {
  if (c.data_type === "character varying" || c.data_type === "character") return `${c.data_type}(${c.character_maximum_length})`;
  if (c.data_type === "numeric") return `numeric(${c.numeric_precision},${c.numeric_scale})`;
  if (c.data_type.startsWith("timestamp")) return `${c.data_type}(${c.datetime_precision})`;
  return c.data_type;
}

const key = (columns: string[]) => `(${columns.join(",")})`;

interface DbIndex {
  table_name: string;
  /** Column names; an expression column is its SQL text (no schema.prisma index has one). */
  columns: string[];
  /** Per column: the operator class when it is not the default for the column's type, else null. */
  opclasses: (string | null)[];
  method: string;
  /** A partial index's WHERE clause, or null. */
  predicate: string | null;
  is_unique: boolean;
  is_primary: boolean;
}

type ComparableIndex = Pick<IndexSpec, "columns" | "unique" | "opclasses"> & { method: string; predicate?: string | null };

const columnsWithOps = (i: ComparableIndex) => key(i.columns.map((c, n) => (i.opclasses[n] ? `${c} ${i.opclasses[n]}` : c)));
const wherePart = (i: ComparableIndex) => (i.predicate ? ` where ${i.predicate}` : "");

/** What an index must match, as it reads in a report: `index using gin (name gin_trgm_ops)`; a plain B-tree stays `index (a,b)`. */
function indexKey(i: ComparableIndex): string {
  const method = i.method === "btree" ? "" : `using ${i.method} `;
  return `${i.unique ? "unique" : "index"} ${method}${columnsWithOps(i)}${wherePart(i)}`;
}

/** Method, operator classes and predicate: `btree (name)`, `gin (name gin_trgm_ops)`. */
const indexShape = (i: ComparableIndex) => `${i.method} ${columnsWithOps(i)}${wherePart(i)}`;

/** The same column list, whatever the method, operator classes or predicate: pairs a changed index with its declaration. */
const indexColumnsKey = (i: ComparableIndex) => `${i.unique ? "unique" : "index"} ${key(i.columns)}`;

function compareIndexes(table: string, declared: ComparableIndex[], found: ComparableIndex[]): string[] {
  const problems: string[] = [];
  const want = new Map(declared.map((i) => [indexKey(i), i]));
  const have = new Map(found.map((i) => [indexKey(i), i]));
  const missing = [...want.keys()].filter((k) => !have.has(k));
  const extra = [...have.keys()].filter((k) => !want.has(k));
  for (const w of missing) {
    // Same columns, another method or operator class (a B-tree where a trigram GIN was meant): one sentence, not two.
    const changed = extra.findIndex((h) => indexColumnsKey(have.get(h)!) === indexColumnsKey(want.get(w)!));
    if (changed >= 0) {
      problems.push(`${indexColumnsKey(want.get(w)!)} on ${table} is ${indexShape(have.get(extra[changed])!)} in the database but ${indexShape(want.get(w)!)} in schema.prisma`);
      extra.splice(changed, 1);
    } else {
      problems.push(`${w} on ${table} is in schema.prisma but not in the database`);
    }
  }
  for (const h of extra) problems.push(`${h} on ${table} is in the database but not in schema.prisma`);
  return problems;
}

/** Every difference between the parsed schema and the database, as readable sentences. */
export async function compareSchemaWithDatabase(tables: TableSpec[], client: pg.Client | pg.Pool): Promise<string[]> {
  const problems: string[] = [];
  const { rows: columns } = await client.query<DbColumn>(
    `SELECT table_name, column_name, data_type, is_nullable, character_maximum_length, numeric_precision,
            numeric_scale, datetime_precision
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  const { rows: indexes } = await client.query<DbIndex>(
    `SELECT t.relname AS table_name, i.indisunique AS is_unique, i.indisprimary AS is_primary, am.amname AS method,
            array_agg(CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) ELSE a.attname::text END
                      ORDER BY k.ord) AS columns,
            array_agg(CASE WHEN oc.opcdefault THEN NULL ELSE oc.opcname::text END ORDER BY k.ord) AS opclasses,
            pg_get_expr(i.indpred, i.indrelid) AS predicate
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_am am ON am.oid = ic.relam
       JOIN pg_namespace ns ON ns.oid = t.relnamespace AND ns.nspname = 'public'
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       LEFT JOIN pg_opclass oc ON oc.oid = i.indclass[k.ord - 1]
      WHERE t.relname <> '_prisma_migrations'
      GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary, am.amname, i.indpred, i.indrelid`,
  );
  const { rows: foreignKeys } = await client.query<{ table_name: string; columns: string[]; referenced_table: string; referenced_columns: string[] }>(
    `SELECT t.relname AS table_name, rt.relname AS referenced_table,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS referenced_columns
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class rt ON rt.oid = c.confrelid
       JOIN pg_namespace ns ON ns.oid = t.relnamespace AND ns.nspname = 'public'
      WHERE c.contype = 'f'`,
  );

  const dbTables = new Set(columns.map((c) => c.table_name));
  const schemaTables = new Set(tables.map((t) => t.table));
  for (const t of dbTables) if (!schemaTables.has(t)) problems.push(`table ${t} exists in the database but not in schema.prisma`);

  for (const table of tables) {
    if (!dbTables.has(table.table)) {
      problems.push(`table ${table.table} (model ${table.model}) is missing from the database`);
      continue;
    }
    const dbCols = new Map(columns.filter((c) => c.table_name === table.table).map((c) => [c.column_name, c]));
    for (const col of table.columns) {
      const actual = dbCols.get(col.column);
      if (!actual) {
        problems.push(`column ${table.table}.${col.column} is missing from the database`);
        continue;
      }
      const expected = expectedColumnType(col);
      if (actualColumnType(actual) !== expected) {
        problems.push(`column ${table.table}.${col.column} is ${actualColumnType(actual)} in the database but ${expected} in schema.prisma`);
      }
      if ((actual.is_nullable === "YES") !== col.nullable) {
        problems.push(`column ${table.table}.${col.column} is ${actual.is_nullable === "YES" ? "nullable" : "NOT NULL"} in the database but ${col.nullable ? "optional" : "required"} in schema.prisma`);
      }
    }
    for (const name of dbCols.keys()) {
      if (!table.columns.some((c) => c.column === name)) problems.push(`column ${table.table}.${name} exists in the database but not in schema.prisma`);
    }

    const dbIndexes = indexes.filter((i) => i.table_name === table.table);
    const pk = dbIndexes.find((i) => i.is_primary);
    if (!pk || key(pk.columns) !== key(table.primaryKey)) {
      problems.push(`primary key of ${table.table} is ${pk ? key(pk.columns) : "missing"} in the database but ${key(table.primaryKey)} in schema.prisma`);
    }
    problems.push(
      ...compareIndexes(
        table.table,
        table.indexes,
        dbIndexes.filter((i) => !i.is_primary).map((i) => ({ ...i, unique: i.is_unique })),
      ),
    );

    const wantFks = new Set(table.foreignKeys.map((f) => `${key(f.columns)} → ${f.referencedTable}${key(f.referencedColumns)}`));
    const haveFks = new Set(foreignKeys.filter((f) => f.table_name === table.table).map((f) => `${key(f.columns)} → ${f.referenced_table}${key(f.referenced_columns)}`));
    for (const w of wantFks) if (!haveFks.has(w)) problems.push(`foreign key ${table.table}${w} is in schema.prisma but not in the database`);
    for (const h of haveFks) if (!wantFks.has(h)) problems.push(`foreign key ${table.table}${h} is in the database but not in schema.prisma`);
  }
  return problems;
}
