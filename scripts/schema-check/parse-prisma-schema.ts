/**
 * A small reader for the subset of Prisma's schema language this project uses, so a test can
 * compare schema.prisma with the migrated database without Prisma's schema engine (which
 * cannot be downloaded here). It understands models, scalar and relation fields, `?`, `[]`,
 * @id, @unique, @default, @map, @db.*, @relation(fields, references), @@map, @@id, @@index,
 * @@unique, and on @@index an access method (`type: Gin`) and per-field operator classes
 * (`name(ops: raw("gin_trgm_ops"))`). Anything it does not understand makes it throw, so the
 * check never passes by silently skipping part of the schema.
 */
export interface ColumnSpec {
  field: string;
  column: string;
  prismaType: string;
  nullable: boolean;
  nativeType?: { name: string; args: string[] };
  isId: boolean;
  isUnique: boolean;
}

export interface ForeignKeySpec {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}

/** PostgreSQL's index access methods, as pg_am names them. */
export type IndexMethod = "btree" | "hash" | "gist" | "gin" | "spgist" | "brin";

export interface IndexSpec {
  columns: string[];
  unique: boolean;
  method: IndexMethod;
  /** Per column: the operator class named with `ops: raw("…")`, or null for the type's default. */
  opclasses: (string | null)[];
}

export interface TableSpec {
  model: string;
  table: string;
  columns: ColumnSpec[];
  primaryKey: string[];
  indexes: IndexSpec[];
  foreignKeys: ForeignKeySpec[];
}

const SCALARS = new Set(["String", "Int", "BigInt", "Boolean", "DateTime", "Decimal", "Json", "Float", "Bytes"]);
const FIELD_ATTRIBUTES = new Set(["id", "unique", "default", "map", "relation", "updatedAt"]);

function stripComments(source: string): string {
  return source.replace(/\/\/[^\n]*/g, "");
}

// Prisma's `type:` argument of @@index, by the access method it creates.
const INDEX_TYPES: Record<string, IndexMethod> = { BTree: "btree", Hash: "hash", Gist: "gist", Gin: "gin", SpGist: "spgist", Brin: "brin" };

/** Splits on commas outside brackets, parentheses and strings: `[a(ops: x), b], type: Gin` → 2 parts. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "[" || ch === "(") depth++;
    else if (ch === "]" || ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

interface IndexField {
  field: string;
  opclass: string | null;
}

/**
 * The arguments of @@index, @@unique or @@id: the field list, each field optionally with
 * `(ops: raw("…"))`, then `type: …` (an index only). Any other argument (sort, length, map, where…)
 * is refused rather than ignored.
 */
function parseIndexArgs(args: string, where: string, allowType: boolean): { fields: IndexField[]; method: IndexMethod } {
  const [list, ...named] = splitTopLevel(args);
  const listMatch = list?.match(/^\[([\s\S]*)\]$/);
  if (!listMatch) throw new Error(`schema-check cannot read the field list of ${where}`);
  const fields = splitTopLevel(listMatch[1]).map((item): IndexField => {
    const m = item.match(/^(\w+)(?:\(([\s\S]*)\))?$/);
    if (!m) throw new Error(`schema-check cannot read field ${item} of ${where}`);
    let opclass: string | null = null;
    for (const arg of m[2] ? splitTopLevel(m[2]) : []) {
      const ops = arg.match(/^ops\s*:\s*raw\(\s*"([\w.]+)"\s*\)$/);
      if (!ops || !allowType) throw new Error(`schema-check: unsupported argument ${arg} on ${m[1]} in ${where}`);
      opclass = ops[1];
    }
    return { field: m[1], opclass };
  });
  let method: IndexMethod = "btree";
  for (const arg of named) {
    const type = arg.match(/^type\s*:\s*(\w+)$/);
    if (!type || !allowType || !INDEX_TYPES[type[1]]) throw new Error(`schema-check: unsupported argument ${arg} in ${where}`);
    method = INDEX_TYPES[type[1]];
  }
  return { fields, method };
}

function listArg(attrArgs: string, name: string): string[] {
  const match = attrArgs.match(new RegExp(`${name}\\s*:\\s*\\[([^\\]]*)\\]`));
  if (!match) return [];
  return match[1].split(",").map((s) => s.trim()).filter(Boolean);
}

function parseAttributes(rest: string): { name: string; args: string }[] {
  const attributes: { name: string; args: string }[] = [];
  const re = /@([\w.]+)(\(([^()]*(\([^()]*\)[^()]*)*)\))?/g;
  for (const m of rest.matchAll(re)) attributes.push({ name: m[1], args: m[3] ?? "" });
  return attributes;
}

export function parsePrismaSchema(source: string): TableSpec[] {
  const text = stripComments(source);
  // A model ends at the first line that is only "}" (braces inside strings, like @default("{}"), don't count).
  const models = [...text.matchAll(/^model\s+(\w+)\s*\{\s*\n([\s\S]*?)^\}/gm)];
  const modelNames = new Set(models.map((m) => m[1]));
  const raw = models.map(([, model, body]) => ({ model, lines: body.split("\n").map((l) => l.trim()).filter(Boolean) }));
  const tableOf = new Map<string, string>();
  for (const { model, lines } of raw) {
    const map = lines.find((l) => l.startsWith("@@map("));
    tableOf.set(model, map ? map.match(/"([^"]+)"/)![1] : model);
  }

  return raw.map(({ model, lines }) => {
    const spec: TableSpec = { model, table: tableOf.get(model)!, columns: [], primaryKey: [], indexes: [], foreignKeys: [] };
    const columnOf = new Map<string, string>();
    const relationLines: { attrs: string; target: string }[] = [];
    for (const line of lines.filter((l) => !l.startsWith("@@"))) {
      const m = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/);
      if (!m) throw new Error(`schema-check cannot read line in model ${model}: ${line}`);
      const [, field, type, list, optional, rest] = m;
      const attributes = parseAttributes(rest);
      if (!SCALARS.has(type)) {
        if (!modelNames.has(type)) throw new Error(`schema-check: unknown type ${type} in ${model}.${field}`);
        const relation = attributes.find((a) => a.name === "relation");
        if (relation && !list && relation.args.includes("fields")) relationLines.push({ attrs: relation.args, target: type });
        continue;
      }
      if (list) throw new Error(`schema-check: scalar lists are not supported (${model}.${field})`);
      const columnName = attributes.find((a) => a.name === "map")?.args.match(/"([^"]+)"/)?.[1] ?? field;
      columnOf.set(field, columnName);
      const native = attributes.find((a) => a.name.startsWith("db."));
      for (const a of attributes) {
        if (!a.name.startsWith("db.") && !FIELD_ATTRIBUTES.has(a.name)) throw new Error(`schema-check: unsupported @${a.name} on ${model}.${field}`);
      }
      spec.columns.push({
        field,
        column: columnName,
        prismaType: type,
        nullable: Boolean(optional),
        nativeType: native ? { name: native.name.slice(3), args: native.args.split(",").map((s) => s.trim()).filter(Boolean) } : undefined,
        isId: attributes.some((a) => a.name === "id"),
        isUnique: attributes.some((a) => a.name === "unique"),
      });
    }
    const columnsFor = (fields: string[]) =>
      fields.map((f) => {
        const c = columnOf.get(f);
        if (!c) throw new Error(`schema-check: ${model} has no field ${f}`);
        return c;
      });
    for (const c of spec.columns) {
      if (c.isId) spec.primaryKey = [c.column];
      if (c.isUnique) spec.indexes.push({ columns: [c.column], unique: true, method: "btree", opclasses: [null] });
    }
    for (const line of lines.filter((l) => l.startsWith("@@"))) {
      const m = line.match(/^@@(\w+)\((.*)\)$/);
      if (!m) throw new Error(`schema-check cannot read ${line} in ${model}`);
      const [, kind, args] = m;
      if (kind === "map") continue;
      if (kind !== "id" && kind !== "index" && kind !== "unique") throw new Error(`schema-check: unsupported @@${kind} in ${model}`);
      const { fields, method } = parseIndexArgs(args, `@@${kind} in ${model}`, kind === "index");
      const columns = columnsFor(fields.map((f) => f.field));
      if (kind === "id") spec.primaryKey = columns;
      else spec.indexes.push({ columns, unique: kind === "unique", method, opclasses: fields.map((f) => f.opclass) });
    }
    spec.foreignKeys = relationLines.map(({ attrs, target }) => ({
      columns: columnsFor(listArg(attrs, "fields")),
      referencedTable: tableOf.get(target)!,
      referencedColumns: listArg(attrs, "references"), // resolved against the target below
    }));
    return spec;
  }).map((spec, _i, all) => {
    // references name fields of the target model; turn them into its column names.
    for (const fk of spec.foreignKeys) {
      const target = all.find((t) => t.table === fk.referencedTable)!;
      fk.referencedColumns = fk.referencedColumns.map((f) => target.columns.find((c) => c.field === f)?.column ?? f);
    }
    return spec;
  });
}
