import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/csv";
import { adminToken, api, countRows, errorCode, newCustomer, newDevice, sql, unique } from "./helpers";

/** Bulk CSV import (dry run, apply, upsert by serial) and export of the filtered list. */

let admin: string;
let customer: Awaited<ReturnType<typeof newCustomer>>;

const HEADER = "serialNumber,name,type,model,price,description,specifications";
const importCsv = (csv: string, dryRun: boolean | string, token: string | null = admin, contentType = "text/csv") =>
  api(`/api/devices/import?dryRun=${dryRun}`, { method: "POST", token, body: csv, headers: { "content-type": contentType } });
const devicesWithSerial = (serials: string[]) => countRows("t_devices", "serial_number = ANY($1)", [serials]);
const auditsFor = async (serials: string[]) =>
  (
    await sql().query(
      `SELECT a.action, a.data FROM t_audit_events a JOIN t_devices d ON d.id = a.entity_id
       WHERE a.entity_type = 'device' AND d.serial_number = ANY($1) ORDER BY a.id`,
      [serials],
    )
  ).rows;

beforeAll(async () => {
  admin = await adminToken();
  customer = await newCustomer();
});

describe("POST /api/devices/import", () => {
  it("is for admins only: 401 anonymous, 403 customer", async () => {
    const csv = `${HEADER}\n${unique("SN")},A,sensor,M,1.00,,`;
    expect((await importCsv(csv, false, null)).status).toBe(401);
    const forbidden = await importCsv(csv, false, customer.token);
    expect(forbidden.status).toBe(403);
    expect(errorCode(forbidden)).toBe("forbidden");
  });

  it("dry-runs without writing, then applies, auditing each created unit", async () => {
    const serials = [unique("SN"), unique("SN")];
    const csv = `${HEADER}\r\n${serials[0]},"Sensor, outdoor",sensor,S-1,49.90,"Says ""hi""","{""battery"":""AA""}"\r\n${serials[1]},Gateway,gateway,G-1,300,,\r\n`;
    const dry = await importCsv(csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 2, created: 2, updated: 0, unchanged: 0, errorCount: 0, errors: [] });
    expect(await devicesWithSerial(serials)).toBe(0);

    const applied = await importCsv(csv, false);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ dryRun: false, created: 2, updated: 0, unchanged: 0 });
    const { rows } = await sql().query(
      "SELECT serial_number, name, description, price::text AS price, status, specifications FROM t_devices WHERE serial_number = ANY($1) ORDER BY serial_number",
      [serials],
    );
    const bySerial = Object.fromEntries(rows.map((r) => [r.serial_number, r]));
    expect(bySerial[serials[0]]).toMatchObject({ name: "Sensor, outdoor", description: 'Says "hi"', price: "49.90", status: "in_stock", specifications: { battery: "AA" } });
    expect(bySerial[serials[1]]).toMatchObject({ name: "Gateway", description: null, price: "300.00", specifications: {} });
    const audits = await auditsFor(serials);
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.action === "created" && a.data.source === "csv_import")).toBe(true);
  });

  it("upserts by serial number: changed rows update (audited with their fields), identical rows do nothing", async () => {
    const a = await newDevice({ price: "10.00", name: "Keep" });
    const b = await newDevice({ price: "10.00", name: "Change me" });
    const fresh = unique("SN");
    const csv = [
      "serial_number,Name,TYPE,model,price", // header names are matched loosely
      `${a.serialNumber},Keep,sensor,TST-1,10`,
      `${b.serialNumber},Changed,sensor,TST-1,12.5`,
      `${fresh},New one,sensor,TST-1,1`,
    ].join("\n");
    const dry = await importCsv(csv, true);
    expect(dry.body).toMatchObject({ rows: 3, created: 1, updated: 1, unchanged: 1, errorCount: 0 });
    const applied = await importCsv(csv, false);
    expect(applied.body).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    const changed = await api(`/api/devices/${b.id}`, { token: admin });
    expect(changed.body).toMatchObject({ name: "Changed", price: "12.50" });
    // Columns not in the file (description, specifications) are left as they were.
    expect(changed.body.description).toBeNull();
    const updates = await auditsFor([b.serialNumber]);
    expect(updates.map((u) => u.action)).toEqual(["created", "updated"]);
    expect(updates[1].data.fields.sort()).toEqual(["name", "price"]);
    expect((await auditsFor([a.serialNumber])).map((u) => u.action)).toEqual(["created"]);
  });

  it("updates description and specifications when their columns are present, and clears an emptied description", async () => {
    const d = await newDevice({ description: "old text", specifications: { v: 1 } });
    const csv = `${HEADER}\n${d.serialNumber},Test Sensor,sensor,TST-1,10.00,,"{""v"":2,""extra"":[1]}"`;
    const res = await importCsv(csv, false);
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const after = await api(`/api/devices/${d.id}`, { token: admin });
    expect(after.body).toMatchObject({ description: null, specifications: { v: 2, extra: [1] }, price: "10.00", name: "Test Sensor" });
    const audits = await auditsFor([d.serialNumber]);
    expect(audits.at(-1).data.fields.sort()).toEqual(["description", "specifications"]);
    // Specifications with the same content in another key order count as unchanged.
    const again = await importCsv(`${HEADER}\n${d.serialNumber},Test Sensor,sensor,TST-1,10.00,,"{""extra"":[1],""v"":2}"`, true);
    expect(again.body).toMatchObject({ updated: 0, unchanged: 1 });
  });

  it("reports every bad row with row, field and message, and writes nothing — not even the good rows", async () => {
    const good = unique("SN");
    const dup = unique("SN");
    const csv = [
      HEADER,
      `${good},Fine,sensor,F-1,5.00,,`,
      `${unique("SN")},Negative,sensor,F-1,-5,,`,
      `,No serial,sensor,F-1,5,,`,
      `${unique("SN")},Bad spec,sensor,F-1,5,,{not json`,
      `${dup},First,sensor,F-1,5,,`,
      `${dup},Second,sensor,F-1,5,,`,
      `${unique("SN")},Short row,sensor`,
      `${unique("SN")},${"n".repeat(10_240)},sensor,F-1,5,,`,
    ].join("\n");
    const expected = [
      { row: 3, field: "price", message: expect.any(String) },
      { row: 4, field: "serialNumber", message: expect.any(String) },
      { row: 5, field: "specifications", message: "must be a JSON object" },
      { row: 7, field: "serialNumber", message: "appears again (first on row 6)" },
      { row: 8, field: "(row)", message: "has 3 fields; the header has 7" },
      { row: 9, field: "name", message: expect.any(String) },
    ];
    const before = await countRows("t_devices");
    const dry = await importCsv(csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toEqual(expected);
    expect(dry.body.errorCount).toBe(6);

    const applied = await importCsv(csv, false);
    expect(applied.status).toBe(422);
    expect(errorCode(applied)).toBe("validation_failed");
    expect(applied.body.error.details.errors).toEqual(expected);
    expect(await countRows("t_devices")).toBe(before);
    expect(await devicesWithSerial([good, dup])).toBe(0);
  });

  it("reports file-level problems on the header row", async () => {
    const missing = await importCsv("serialNumber,name,price\nX-1,A,1", true);
    expect(missing.body.errors).toEqual(
      expect.arrayContaining([
        { row: 1, field: "type", message: "column is missing" },
        { row: 1, field: "model", message: "column is missing" },
      ]),
    );
    const unknown = await importCsv(`${HEADER},password\nX-1,A,sensor,M,1,,,x`, true);
    expect(unknown.body.errors[0]).toMatchObject({ row: 1, field: "password" });
    const unterminated = await importCsv(`${HEADER}\nX-1,"A,sensor,M,1,,`, true);
    expect(unterminated.body.errors[0]).toMatchObject({ row: 2, field: "(file)" });
    const empty = await importCsv("", true);
    expect(empty.body.errors[0]).toMatchObject({ row: 1, field: "(file)" });
  });

  it("stores SQL- and script-looking text verbatim", async () => {
    const serial = unique("SN");
    const name = "<script>alert(1)</script>";
    const description = "'; DROP TABLE t_devices; --";
    const res = await importCsv(`${HEADER}\n${serial},${name},sensor,M,1,"${description}",`, false);
    expect(res.status).toBe(200);
    const { rows } = await sql().query("SELECT name, description FROM t_devices WHERE serial_number = $1", [serial]);
    expect(rows[0]).toEqual({ name, description });
  });

  it("refuses bodies over 1 MB (413), other content types (400) and a bad dryRun flag (422)", async () => {
    const before = await countRows("t_devices");
    const line = `${unique("SN")},Name,sensor,M,1,,\n`;
    const huge = await importCsv(HEADER + "\n" + line.repeat(Math.ceil((1024 * 1024) / line.length) + 10), false);
    expect(huge.status).toBe(413);
    expect(errorCode(huge)).toBe("payload_too_large");
    for (const type of ["application/json", "text/plain", "application/x-www-form-urlencoded"]) {
      const wrong = await importCsv(`${HEADER}\n${unique("SN")},A,sensor,M,1,,`, false, admin, type);
      expect(wrong.status, type).toBe(400);
      expect(errorCode(wrong)).toBe("bad_request");
    }
    const flag = await importCsv(`${HEADER}\n${unique("SN")},A,sensor,M,1,,`, "maybe");
    expect(flag.status).toBe(422);
    expect(flag.body.error.details.fields[0].field).toBe("dryRun");
    expect(await countRows("t_devices")).toBe(before);
  });
});

describe("GET /api/devices/export", () => {
  const type = unique("exp").toLowerCase();
  let devices: Awaited<ReturnType<typeof newDevice>>[];

  beforeAll(async () => {
    devices = [
      await newDevice({ type, name: "=HYPERLINK(\"http://evil\")", description: "line one\nline two, with comma" }),
      await newDevice({ type, name: "Plain", specifications: { a: 1, nested: { b: [1, 2] } } }),
      await newDevice({ type, name: "Broken" }),
    ];
    await api(`/api/devices/${devices[2].id}/status`, { method: "PUT", token: admin, json: { status: "defective", reason: "broken" } });
  });

  it("is for admins only: 401 anonymous, 403 customer", async () => {
    expect((await api(`/api/devices/export?type=${type}`)).status).toBe(401);
    expect((await api(`/api/devices/export?type=${type}`, { token: customer.token })).status).toBe(403);
  });

  it("downloads the filtered list as CSV, neutralizing formula-looking cells", async () => {
    const res = await api(`/api/devices/export?type=${type}&status=in_stock`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="devices-.*\.csv"/);
    const [header, ...rows] = parseCsv(res.body as string).map((r) => r.fields);
    expect(header).toEqual(["id", "serialNumber", "name", "type", "model", "description", "price", "status", "specifications", "createdAt", "updatedAt"]);
    expect(rows.map((r) => r[1]).sort()).toEqual([devices[0].serialNumber, devices[1].serialNumber].sort());
    const formula = rows.find((r) => r[1] === devices[0].serialNumber)!;
    expect(formula[2]).toBe(`'=HYPERLINK("http://evil")`);
    expect(formula[5]).toBe("line one\nline two, with comma");
  });

  it("imports back unchanged (round trip through export)", async () => {
    const exported = await api(`/api/devices/export?type=${type}`, { token: admin });
    const dry = await importCsv(exported.body as string, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3, errorCount: 0 });
  });

  it("rejects unknown filters with 422", async () => {
    const res = await api(`/api/devices/export?status=lost`, { token: admin });
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe("validation_failed");
  });
});
