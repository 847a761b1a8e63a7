import { z } from "zod";
import { recordAudits } from "@/lib/audit";
import { requirePermission, type SessionUser } from "@/lib/auth/permissions";
import { CsvSyntaxError, formatCsv, parseCsv, restoreFormulaText, type CsvRecord } from "@/lib/csv";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma, type Device } from "@/lib/generated/prisma/client";
import { formatMoney } from "@/lib/money";
import { ensureProducts } from "@/lib/products/service";
import { createDeviceSchema, type CreateDeviceInput } from "./schemas";
import { listAllDevices, type DeviceFilter } from "./service";

/**
 * Bulk CSV import (upsert by serial number) and export of the filtered list. One row is one
 * unit; an import writes nothing unless every row is valid, and each created or changed unit
 * gets its audit event in the same transaction. Status is not imported: it changes through the
 * lifecycle (with a reason) on the device page.
 */
export const EXPORT_COLUMNS = ["id", "serialNumber", "name", "type", "model", "description", "price", "status", "specifications", "createdAt", "updatedAt"] as const;
const REQUIRED = ["serialNumber", "name", "type", "model", "price"] as const;
const OPTIONAL = ["description", "specifications"] as const;
// Columns an export carries that an import leaves alone, so an exported file imports back.
const READ_ONLY = ["id", "status", "createdAt", "updatedAt", "lastSeenAt", "deployedAt"];
const MAX_ERRORS = 1000;

type ImportColumn = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

const importRowErrorSchema = z.strictObject({ row: z.number().int(), field: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

/** `POST /api/devices/import`'s answer; ImportReport is its type. */
export const importReportSchema = z.strictObject({
  dryRun: z.boolean(),
  rows: z.number().int().min(0),
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  errorCount: z.number().int().min(0),
  /** At most the first 1000. */
  errors: z.array(importRowErrorSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

interface ValidRow {
  row: number;
  input: CreateDeviceInput;
  present: Set<ImportColumn>;
}

// "Serial Number", "serial_number" and "serialNumber" all name the same column.
const normalize = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");
const COLUMN_BY_KEY = new Map<string, string>([...REQUIRED, ...OPTIONAL, ...READ_ONLY].map((c) => [normalize(c), c]));

function readHeader(header: CsvRecord, errors: ImportRowError[]) {
  const columns = new Map<ImportColumn, number>();
  header.fields.forEach((raw, index) => {
    const column = COLUMN_BY_KEY.get(normalize(raw));
    if (!column) {
      errors.push({ row: header.line, field: raw || `column ${index + 1}`, message: `unknown column; expected ${[...REQUIRED, ...OPTIONAL].join(", ")}` });
    } else if (columns.has(column as ImportColumn)) {
      errors.push({ row: header.line, field: column, message: "column appears twice" });
    } else if (!READ_ONLY.includes(column)) {
      columns.set(column as ImportColumn, index);
    }
  });
  for (const column of REQUIRED) {
    if (!columns.has(column)) errors.push({ row: header.line, field: column, message: "column is missing" });
  }
  return columns;
}

function readRow(record: CsvRecord, columns: Map<ImportColumn, number>, width: number, errors: ImportRowError[]): ValidRow | null {
  const { line: row, fields } = record;
  if (fields.length !== width) {
    errors.push({ row, field: "(row)", message: `has ${fields.length} fields; the header has ${width}` });
    return null;
  }
  const raw: Record<string, unknown> = {};
  const present = new Set<ImportColumn>();
  const rowErrors: ImportRowError[] = [];
  for (const [column, index] of columns) {
    const value = restoreFormulaText(fields[index]);
    present.add(column);
    if (column === "description") raw.description = value === "" ? null : value;
    else if (column === "specifications") {
      if (value.trim() === "") raw.specifications = {};
      else {
        try {
          raw.specifications = JSON.parse(value);
        } catch {
          rowErrors.push({ row, field: "specifications", message: "must be a JSON object" });
        }
      }
    } else raw[column] = value;
  }
  const parsed = createDeviceSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "(row)");
      const message = field === "specifications" && issue.code === "invalid_type" ? "must be a JSON object" : issue.message;
      if (!rowErrors.some((e) => e.field === field)) rowErrors.push({ row, field, message });
    }
  }
  errors.push(...rowErrors);
  return rowErrors.length ? null : { row, input: parsed.data!, present };
}

/** JSON with sorted keys: PostgreSQL's jsonb reorders keys, so compare on a canonical form. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function changedFields(device: Device, row: ValidRow): Prisma.DeviceUpdateInput {
  const { input, present } = row;
  const data: Prisma.DeviceUpdateInput = {};
  if (input.name !== device.name) data.name = input.name;
  if (input.type !== device.type) data.type = input.type;
  if (input.model !== device.model) data.model = input.model;
  if (formatMoney(device.price) !== input.price) data.price = input.price;
  if (present.has("description") && (input.description ?? null) !== device.description) data.description = input.description ?? null;
  if (present.has("specifications") && canonical(input.specifications ?? {}) !== canonical(device.specifications)) {
    data.specifications = (input.specifications ?? {}) as Prisma.InputJsonValue;
  }
  return data;
}

function validate(text: string) {
  const errors: ImportRowError[] = [];
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { rows: [], errors: [{ row: error.line, field: "(file)", message: error.message.replace(/^Line \d+: /, "") }] };
  }
  if (records.length < 2) return { rows: [], errors: [{ row: 1, field: "(file)", message: "needs a header row and at least one device row" }] };
  const [header, ...body] = records;
  const columns = readHeader(header, errors);
  if (errors.length) return { rows: [], errors };
  const rows: ValidRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const record of body) {
    const row = readRow(record, columns, header.fields.length, errors);
    if (!row) continue;
    const seen = firstRowOf.get(row.input.serialNumber);
    if (seen) errors.push({ row: row.row, field: "serialNumber", message: `appears again (first on row ${seen})` });
    else {
      firstRowOf.set(row.input.serialNumber, row.row);
      rows.push(row);
    }
  }
  return { rows, errors, total: body.length };
}

async function findBySerial(tx: Tx, serials: string[]): Promise<Map<string, Device>> {
  const found = new Map<string, Device>();
  // Chunked to stay far below PostgreSQL's limit on bound parameters.
  for (let i = 0; i < serials.length; i += 5000) {
    const devices = await tx.device.findMany({ where: { serialNumber: { in: serials.slice(i, i + 5000) } } });
    for (const d of devices) found.set(d.serialNumber, d);
  }
  return found;
}

// Bulk writes are plain SQL over unnest(): one statement for thousands of rows, where Prisma's
// createMany/update spend about half a millisecond per row building queries.
async function insertDevices(tx: Tx, inputs: CreateDeviceInput[]): Promise<{ id: number; status: string }[]> {
  if (!inputs.length) return [];
  const col = <T>(pick: (i: CreateDeviceInput) => T) => inputs.map(pick);
  return tx.$queryRaw<{ id: number; status: string }[]>`
    INSERT INTO t_devices (serial_number, name, type, model, description, price, specifications, updated_at)
    SELECT u.sn, u.n, u.t, u.m, u.d, u.p::numeric(10, 2), u.s::jsonb, now()
    FROM unnest(
      ${col((i) => i.serialNumber)}::text[], ${col((i) => i.name)}::text[], ${col((i) => i.type)}::text[],
      ${col((i) => i.model)}::text[], ${col((i) => i.description ?? null)}::text[], ${col((i) => i.price)}::text[],
      ${col((i) => JSON.stringify(i.specifications ?? {}))}::text[]
    ) AS u(sn, n, t, m, d, p, s)
    RETURNING id, status`;
}

async function updateDevices(tx: Tx, updates: { device: Device; data: Prisma.DeviceUpdateInput }[]): Promise<void> {
  if (!updates.length) return;
  const col = <T>(pick: (u: (typeof updates)[number]) => T) => updates.map(pick);
  // Each row carries its full new values; a flag says whether description/specifications change.
  await tx.$executeRaw`
    UPDATE t_devices AS d SET
      name = COALESCE(u.n, d.name), type = COALESCE(u.t, d.type), model = COALESCE(u.m, d.model),
      price = COALESCE(u.p::numeric(10, 2), d.price),
      description = CASE WHEN u.set_d THEN u.dsc ELSE d.description END,
      specifications = CASE WHEN u.s IS NULL THEN d.specifications ELSE u.s::jsonb END,
      updated_at = now()
    FROM unnest(
      ${col((u) => u.device.id)}::int[], ${col((u) => (u.data.name as string | undefined) ?? null)}::text[],
      ${col((u) => (u.data.type as string | undefined) ?? null)}::text[], ${col((u) => (u.data.model as string | undefined) ?? null)}::text[],
      ${col((u) => (u.data.price as string | undefined) ?? null)}::text[], ${col((u) => "description" in u.data)}::boolean[],
      ${col((u) => (u.data.description as string | null | undefined) ?? null)}::text[],
      ${col((u) => (u.data.specifications === undefined ? null : JSON.stringify(u.data.specifications)))}::text[]
    ) AS u(id, n, t, m, p, set_d, dsc, s)
    WHERE d.id = u.id`;
}

/**
 * Checks (dryRun) or applies a CSV of devices. With any invalid row, nothing is written: a dry
 * run reports the errors, an apply answers 422 with them.
 */
export async function importDevicesCsv(user: SessionUser, text: string, { dryRun }: { dryRun: boolean }): Promise<ImportReport> {
  requirePermission(user, "device:write");
  const { rows, errors, total = 0 } = validate(text);
  const report = (created: number, updated: number, unchanged: number): ImportReport => ({
    dryRun,
    rows: total,
    created,
    updated,
    unchanged,
    errorCount: errors.length,
    errors: errors.slice(0, MAX_ERRORS),
  });
  if (errors.length && !dryRun) {
    throw new AppError("validation_failed", `${errors.length} problem(s) in the CSV; nothing was imported`, report(0, 0, 0));
  }
  return applyInTransaction(async (tx) => {
    const existing = await findBySerial(tx, rows.map((r) => r.input.serialNumber));
    const creates = rows.filter((r) => !existing.has(r.input.serialNumber));
    const updates: { device: Device; data: Prisma.DeviceUpdateInput; row: ValidRow }[] = [];
    for (const row of rows) {
      const device = existing.get(row.input.serialNumber);
      const data = device ? changedFields(device, row) : {};
      if (device && Object.keys(data).length) updates.push({ device, data, row });
    }
    const unchanged = rows.length - creates.length - updates.length;
    if (dryRun || errors.length) return report(creates.length, updates.length, unchanged);

    const created = await insertDevices(tx, creates.map((r) => r.input));
    await updateDevices(tx, updates);
    // Units of a type and model the store has no product for yet get a draft product.
    await ensureProducts(tx, [
      ...creates.map((r) => r.input),
      ...updates.filter((u) => u.data.type !== undefined || u.data.model !== undefined).map((u) => u.row.input),
    ]);
    await recordAudits(tx, [
      ...created.map((d) => ({ entityType: "device" as const, entityId: d.id, action: "created", toStatus: d.status, actor: user, data: { source: "csv_import" } })),
      ...updates.map(({ device, data }) => ({
        entityType: "device" as const,
        entityId: device.id,
        action: "updated",
        actor: user,
        data: { fields: Object.keys(data), source: "csv_import" },
      })),
    ]);
    return report(created.length, updates.length, unchanged);
  });
}

async function applyInTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    // A 1 MB file holds thousands of rows; the default 5 s interactive-transaction limit is too short.
    return await db().$transaction(fn, { timeout: 120_000, maxWait: 10_000 });
  } catch (error) {
    // Another request added one of these serial numbers between our read and our insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && /23505|unique constraint/i.test(`${error.message} ${JSON.stringify(error.meta ?? {})}`)) {
      throw new AppError("conflict", "A device with one of these serial numbers was added meanwhile; check the file again");
    }
    throw error;
  }
}

/** The filtered list as CSV; formula-looking text is neutralized for spreadsheet apps. */
export async function exportDevicesCsv(user: SessionUser, filter: DeviceFilter): Promise<string> {
  const devices = await listAllDevices(user, filter);
  const rows = devices.map((d) => EXPORT_COLUMNS.map((c) => (c === "specifications" ? JSON.stringify(d.specifications ?? {}) : d[c])));
  return formatCsv([[...EXPORT_COLUMNS], ...rows], { neutralizeFormulas: true });
}
