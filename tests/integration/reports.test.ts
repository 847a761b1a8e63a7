import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CONNECTIVITY_HISTORY } from "@/lib/monitoring/connectivity-detector";
import { periodRange } from "@/lib/reports/period";
import { generateReport } from "@/lib/reports/service";
import { mongoClient } from "@/lib/telemetry/mongo";
import { rollupId } from "@/lib/telemetry/rollups";
import { adminToken, api, errorCode, newCustomer, sql, unique } from "./helpers";
import { closeTelemetryClients, mongo } from "./telemetry-helpers";

/**
 * Monthly reports end to end: a customer's fleet (devices, connectivity history, alerts, battery
 * rollups) and a store month (orders) seeded in a month of their own, the report generated
 * through the API, and the PDF's text — read with pdftotext — carrying the right figures.
 */
const H = 3_600_000;
const DAY = 24 * H;
const run = unique("RP");
// A month in 2010–2019: no other test writes orders there.
const year = 2010 + Math.floor(Math.random() * 10);
const month = Math.floor(Math.random() * 12);
const period = `${year}-${String(month + 1).padStart(2, "0")}`;
const from = new Date(Date.UTC(year, month, 1));
const to = new Date(Date.UTC(year, month + 1, 1));
const monthMs = to.getTime() - from.getTime();
const label = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(from);
const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;

let customerA: Awaited<ReturnType<typeof newCustomer>>;
let customerB: Awaited<ReturnType<typeof newCustomer>>;
const devices: number[] = [];
let workDir: string;

async function pdfText(pdf: ArrayBuffer): Promise<string> {
  const file = path.join(workDir, `${unique("r")}.pdf`);
  await writeFile(file, Buffer.from(pdf));
  const { stdout } = await promisify(execFile)("pdftotext", ["-enc", "UTF-8", file, "-"]);
  return stdout.replace(/\s+/g, " ");
}

async function download(id: number, token?: string) {
  return fetch(`${process.env.TEST_BASE_URL ?? "http://127.0.0.1:3100"}/api/reports/${id}/pdf`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

const insertDevice = async (name: string, model: string, price: string, status: string) =>
  (
    // A deployed unit was deployed before the report's month: uptime counts from deployment.
    await sql().query(`INSERT INTO t_devices (serial_number, name, type, model, price, status, deployed_at, updated_at) VALUES ($1, $2, 'rptest', $3, $4, $5, $6, now()) RETURNING id`, [
      unique("SN"),
      name,
      model,
      price,
      status,
      status === "deployed" ? new Date(from.getTime() - 3 * DAY) : null,
    ])
  ).rows[0].id as number;

async function insertOrder(customerId: number, status: string, createdAt: Date, lines: { deviceId: number; price: string }[]) {
  const total = lines.reduce((s, l) => s + Math.round(Number(l.price) * 100), 0) / 100;
  const { rows } = await sql().query(
    `INSERT INTO t_orders (customer_id, order_number, status, total_amount, shipping_address, created_at, updated_at) VALUES ($1, $2, $3, $4, 'Test', $5, now()) RETURNING id`,
    [customerId, unique(run), status, total.toFixed(2), createdAt],
  );
  for (const l of lines) {
    await sql().query(`INSERT INTO t_order_items (order_id, device_id, quantity, unit_price, subtotal) VALUES ($1, $2, 1, $3, $3)`, [rows[0].id, l.deviceId, l.price]);
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "reports-test-"));
  [customerA, customerB] = await Promise.all([newCustomer(`Fleet Owner ${run}`), newCustomer("Other Customer")]);
  // Customer A's fleet: two units of a delivered order (placed today, so outside the store month).
  devices.push(await insertDevice(`Alpha ${run}`, `${run}-F`, "10.00", "deployed"), await insertDevice(`Beta ${run}`, `${run}-F`, "10.00", "deployed"));
  await insertOrder(customerA.id, "delivered", new Date(), devices.map((deviceId) => ({ deviceId, price: "10.00" })));
  const [alpha, beta] = devices;
  for (const id of devices) {
    await Promise.all(["device_alerts", "monitoring_rollups", CONNECTIVITY_HISTORY].map((c) => mongo().collection(c).deleteMany({ device_id: id })));
  }
  // Alpha: online since before the month, 18 hours offline on the 11th. Beta: online throughout.
  await mongo().collection(CONNECTIVITY_HISTORY).insertMany([
    { device_id: alpha, from: "never_connected", to: "online", at: new Date(from.getTime() - DAY), last_seen_at: null, timeout_ms: 30_000 },
    { device_id: alpha, from: "online", to: "offline", at: new Date(from.getTime() + 10 * DAY), last_seen_at: null, timeout_ms: 30_000 },
    { device_id: alpha, from: "offline", to: "online", at: new Date(from.getTime() + 10 * DAY + 18 * H), last_seen_at: null, timeout_ms: 30_000 },
    { device_id: beta, from: "never_connected", to: "online", at: new Date(from.getTime() - 2 * DAY), last_seen_at: null, timeout_ms: 30_000 },
  ]);
  // Alpha's alerts: three in the month (one critical, one still open), one the month before.
  const alert = (created: Date, severity: string, status: string) => ({
    _id: new ObjectId(),
    device_id: alpha,
    alert_type: `rptest_${created.getTime()}`,
    slot: status === "cleared" ? new ObjectId().toHexString() : "open",
    severity,
    status,
    message: "test",
    acknowledged: status !== "open",
    count: 1,
    created_at: created,
    first_seen_at: created,
    last_seen_at: created,
    ...(status === "cleared" ? { cleared_at: new Date(created.getTime() + H) } : {}),
  });
  await mongo().collection("device_alerts").insertMany([
    alert(new Date(from.getTime() - 3 * DAY), "critical", "cleared"),
    alert(new Date(from.getTime() + 2 * DAY), "critical", "cleared"),
    alert(new Date(from.getTime() + 5 * DAY), "warning", "acknowledged"),
    alert(new Date(from.getTime() + 20 * DAY), "warning", "cleared"),
  ]);
  // Alpha's battery over the month's last week, hourly: 60 % draining 3 points a day.
  const rollups = Array.from({ length: 168 }, (_, i) => {
    const start = new Date(to.getTime() - (168 - i) * H);
    const level = 60 - (3 * i) / 24;
    return { _id: rollupId(alpha, "battery_level", "1h", start), device_id: alpha, metric: "battery_level", size: "1h", start, count: 1, sum: level, min: level, max: level };
  });
  await mongo().collection<{ _id: string }>("monitoring_rollups").insertMany(rollups);

  // The store's month: delivered 2 × 40.05, confirmed 19.90, cancelled 19.90.
  const buyer = await newCustomer("Store Buyer");
  const placed = (d: number) => new Date(from.getTime() + d * DAY);
  const a1 = await insertDevice("Store unit", `${run}-A`, "40.05", "sold");
  const a2 = await insertDevice("Store unit", `${run}-A`, "40.05", "sold");
  const b1 = await insertDevice("Store unit", `${run}-B`, "19.90", "reserved");
  const b2 = await insertDevice("Store unit", `${run}-B`, "19.90", "in_stock");
  await insertOrder(buyer.id, "delivered", placed(3), [{ deviceId: a1, price: "40.05" }, { deviceId: a2, price: "40.05" }]);
  await insertOrder(buyer.id, "confirmed", placed(9), [{ deviceId: b1, price: "19.90" }]);
  await insertOrder(buyer.id, "cancelled", placed(12), [{ deviceId: b2, price: "19.90" }]);
}, 120_000);

afterAll(async () => {
  await closeTelemetryClients();
  await mongoClient().close();
  await db().$disconnect();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("fleet report", () => {
  let reportId: number;

  it("a customer generates last month's fleet report and its PDF shows uptime, alerts and battery outlook", async () => {
    const res = await api("/api/reports", { method: "POST", token: customerA.token, json: { kind: "fleet", period } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: "fleet", period, customer: { id: customerA.id }, trigger: "on_demand" });
    reportId = res.body.id;

    const pdf = await download(reportId, customerA.token);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="fleet-report-${period}-customer-${customerA.id}.pdf"`);
    const text = await pdfText(await pdf.arrayBuffer());
    expect(text).toContain(`Fleet report — ${label}`);
    expect(text).toContain(`Fleet Owner ${run}`);
    expect(text).toContain(`Alpha ${run}`);
    // Alpha was offline 18 h of the month; the fleet's uptime is over both devices' connected time.
    expect(text).toContain(`Uptime ${pct(1 - (18 * H) / (2 * monthMs))}`);
    expect(text).toContain(pct(1 - (18 * H) / monthMs));
    expect(text).toContain("100.0 %");
    expect(text).toMatch(/Alerts raised 3 Critical alerts 1 Still open 1/);
    // The last hourly average is 39.125 %, at 3 points a day: 10 % 29.125 / 3 days after it.
    const lastAt = to.getTime() - H / 2;
    expect(text).toContain("39.1 %");
    expect(text).toContain(day.format(new Date(lastAt + (29.125 / 3) * DAY)));
    expect(text).toContain("No battery readings yet");
  });

  it("lists it for its owner, with its printable figures; generating again replaces it rather than adding one", async () => {
    const again = await api("/api/reports", { method: "POST", token: customerA.token, json: { kind: "fleet", period } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(reportId);
    const list = await api(`/api/reports?period=${period}`, { token: customerA.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: number }) => r.id)).toEqual([reportId]);
    const one = await api(`/api/reports/${reportId}`, { token: customerA.token });
    expect(one.body.data.summary).toMatchObject({ devices: 2, alerts: 3, critical: 1, open: 1, outages: 1 });
  });

  it("another customer can neither list nor fetch it (404, not 403), nor generate it", async () => {
    const list = await api("/api/reports", { token: customerB.token });
    expect(list.status).toBe(200);
    expect(list.body.items.some((r: { id: number }) => r.id === reportId)).toBe(false);
    for (const url of [`/api/reports/${reportId}`, `/api/reports/${reportId}/pdf`]) {
      const res = await api(url, { token: customerB.token });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe("not_found");
    }
    const res = await api("/api/reports", { method: "POST", token: customerB.token, json: { kind: "fleet", period, customerId: customerA.id } });
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe("not_found");
  });

  it("answers 401 without a sign-in", async () => {
    for (const [url, method] of [["/api/reports", "GET"], ["/api/reports", "POST"], [`/api/reports/${reportId}`, "GET"], [`/api/reports/${reportId}/pdf`, "GET"]]) {
      const res = await api(url, { method, json: method === "POST" ? { kind: "fleet" } : undefined });
      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe("unauthorized");
    }
  });

  it("two generators of the same scheduled report make one report", async () => {
    const range = periodRange(`${year - 1}-${String(month + 1).padStart(2, "0")}`, new Date())!;
    const spec = { kind: "fleet" as const, customerId: customerA.id, range, trigger: "schedule" as const, replace: false };
    const results = await Promise.all([generateReport(spec), generateReport(spec)]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0].report.id).toBe(results[1].report.id);
    const { rows } = await sql().query(`SELECT count(*)::int AS n FROM t_reports WHERE kind = 'fleet' AND customer_id = $1 AND period = $2`, [customerA.id, range.period]);
    expect(rows[0].n).toBe(1);
  }, 120_000);
});

describe("store report", () => {
  it("an admin generates the month's store report: sales, fulfilment and stock in the PDF", async () => {
    const token = await adminToken();
    const res = await api("/api/reports", { method: "POST", token, json: { kind: "store", period } });
    expect(res.status).toBe(201);
    const pdf = await download(res.body.id, token);
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="store-report-${period}.pdf"`);
    const text = await pdfText(await pdf.arrayBuffer());
    expect(text).toContain(`Store report — ${label}`);
    expect(text).toMatch(/Orders placed 3 Cancelled 1 \(33\.3 %\) Revenue €100\.00 Average order €50\.00/);
    expect(text).toMatch(new RegExp(`rptest ${run}-A 1 2 €80\\.10`));
    expect(text).toMatch(new RegExp(`rptest ${run}-B 1 1 €19\\.90`));
    // Admins see every report; customers never see the store's.
    const all = await api(`/api/reports?period=${period}`, { token });
    expect(all.body.items.map((r: { kind: string }) => r.kind).sort()).toEqual(["fleet", "store"]);
    const hidden = await api(`/api/reports/${res.body.id}/pdf`, { token: customerA.token });
    expect(hidden.status).toBe(404);
  });

  it("a customer may not generate the store report", async () => {
    const res = await api("/api/reports", { method: "POST", token: customerA.token, json: { kind: "store", period } });
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe("forbidden");
  });
});

describe("bad input is a 4xx in the error envelope", () => {
  it.each([
    [{ kind: "weekly" }, 422, "kind"],
    [{ kind: "fleet", period: "2026-13" }, 422, "period"],
    [{ kind: "fleet", period: "2999-01" }, 422, "period"],
    [{ kind: "fleet", period: 202610 }, 422, "period"],
    [{ kind: "fleet", surprise: true }, 422, "surprise"],
  ])("POST %j → %i naming %s", async (json, status, field) => {
    const res = await api("/api/reports", { method: "POST", token: customerA.token, json });
    expect(res.status).toBe(status);
    expect(errorCode(res)).toBe("validation_failed");
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it("an admin's fleet report needs a customer, and only a real customer", async () => {
    const token = await adminToken();
    const none = await api("/api/reports", { method: "POST", token, json: { kind: "fleet", period } });
    expect(none.status).toBe(422);
    const nobody = await api("/api/reports", { method: "POST", token, json: { kind: "fleet", period, customerId: 2_000_000_000 } });
    expect(nobody.status).toBe(404);
    expect(errorCode(nobody)).toBe("not_found");
  });

  it("not JSON, odd ids and bad filters", async () => {
    const text = await api("/api/reports", { method: "POST", token: customerA.token, body: "kind=fleet", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
    expect(errorCode(text)).toBe("unsupported_media_type");
    const broken = await api("/api/reports", { method: "POST", token: customerA.token, body: "{", headers: { "content-type": "application/json" } });
    expect(broken.status).toBe(400);
    for (const url of ["/api/reports/abc/pdf", "/api/reports/0", "/api/reports/99999999999/pdf", "/api/reports/2147483647"]) {
      const res = await api(url, { token: customerA.token });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe("not_found");
    }
    const filter = await api("/api/reports?period=last", { token: customerA.token });
    expect(filter.status).toBe(422);
    expect(errorCode(filter)).toBe("validation_failed");
  });
});
