import { beforeAll, describe, expect, it } from "vitest";
import { adminToken, api, BASE_URL, countRows, newDevice, sql, unique } from "./helpers";

/**
 * Bad input on every inventory write: each answer is a 4xx in the one envelope, and nothing
 * is written (row counts and the unit itself are unchanged).
 */

let admin: string;
let device: Awaited<ReturnType<typeof newDevice>>;

const valid = () => ({ serialNumber: unique("SN"), name: "Probe", type: "sensor", model: "P-1", price: "9.99" });
const big = "x".repeat(10 * 1024);
const raw = (path: string, method: string, body: string) =>
  fetch(`${BASE_URL}${path}`, { method, headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" }, body });

async function snapshot() {
  const { rows } = await sql().query("SELECT * FROM t_devices WHERE id = $1", [device.id]);
  return {
    devices: await countRows("t_devices"),
    audits: await countRows("t_audit_events"),
    row: JSON.stringify(rows[0]),
  };
}

/** Runs `attempt`, then asserts its status, its envelope, the field it names, and that nothing changed. */
async function expectRejected(attempt: () => Promise<{ status: number; body: unknown }>, status: number, field?: string) {
  const before = await snapshot();
  const res = await attempt();
  expect(res.status).toBe(status);
  const error = (res.body as { error: { code: string; message: string; details?: { fields?: { field: string }[] } } }).error;
  expect(typeof error.code).toBe("string");
  expect(typeof error.message).toBe("string");
  if (field) expect(error.details?.fields?.map((f) => f.field)).toContain(field);
  expect(await snapshot()).toEqual(before);
  return error;
}

const post = (json: unknown) => api("/api/devices", { method: "POST", token: admin, json });
const put = (json: unknown) => api(`/api/devices/${device.id}`, { method: "PUT", token: admin, json });
const status = (json: unknown) => api(`/api/devices/${device.id}/status`, { method: "PUT", token: admin, json });
const asJson = async (res: Response) => ({ status: res.status, body: await res.json() });

beforeAll(async () => {
  admin = await adminToken();
  device = await newDevice();
});

describe.each([
  ["POST /api/devices", () => "/api/devices", "POST"],
  ["PUT /api/devices/{id}", () => `/api/devices/${device.id}`, "PUT"],
  ["PUT /api/devices/{id}/status", () => `/api/devices/${device.id}/status`, "PUT"],
])("%s", (_name, path, method) => {
  it("answers malformed JSON with 400", async () => {
    const error = await expectRejected(async () => asJson(await raw(path(), method, '{"name": "x",')), 400);
    expect(error.code).toBe("bad_request");
  });

  it("answers a body over 1 MB with 413", async () => {
    const body = JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) });
    const error = await expectRejected(async () => asJson(await raw(path(), method, body)), 413);
    expect(error.code).toBe("payload_too_large");
  });

  it("answers a non-object body with 422", async () => {
    await expectRejected(async () => asJson(await raw(path(), method, "[1,2,3]")), 422);
    await expectRejected(async () => asJson(await raw(path(), method, "null")), 422);
  });
});

describe("create: fields", () => {
  it.each([
    ["missing serialNumber", (() => { const { serialNumber: _s, ...rest } = valid(); return rest; })(), "serialNumber"],
    ["missing price", (() => { const { price: _p, ...rest } = valid(); return rest; })(), "price"],
    ["name as a number", { ...valid(), name: 123 }, "name"],
    ["price as a boolean", { ...valid(), price: true }, "price"],
    ["specifications as a string", { ...valid(), specifications: "fast" }, "specifications"],
    ["an unknown field", { ...valid(), status: "sold" }, "status"],
    ["another unknown field", { ...valid(), isAdmin: true }, "isAdmin"],
    ["a negative price", { ...valid(), price: -1 }, "price"],
    ["an absurd price", { ...valid(), price: 1e12 }, "price"],
    ["a price with three decimals", { ...valid(), price: "1.999" }, "price"],
    ["a price in exponent form", { ...valid(), price: "1e3" }, "price"],
    ["an empty name", { ...valid(), name: "   " }, "name"],
    ["a 10 kB name", { ...valid(), name: big }, "name"],
    ["a 10 kB model", { ...valid(), model: big }, "model"],
    ["a 10 kB description", { ...valid(), description: big }, "description"],
    ["a 10 kB serial number", { ...valid(), serialNumber: big }, "serialNumber"],
    ["a serial number with spaces and quotes", { ...valid(), serialNumber: "A B'; --" }, "serialNumber"],
  ])("rejects %s with 422 naming the field", async (_label, body, field) => {
    const error = await expectRejected(() => post(body), 422, field);
    expect(error.code).toBe("validation_failed");
  });

  it("names every missing field at once", async () => {
    const error = await expectRejected(() => post({}), 422);
    const fields = (error.details?.fields ?? []).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["serialNumber", "name", "type", "model", "price"]));
  });
});

describe("update: fields", () => {
  it.each([
    ["an empty body", {}, undefined],
    ["a wrong type", { price: [1] }, "price"],
    ["an unknown field", { status: "sold" }, "status"],
    ["a negative price", { price: "-0.01" }, "price"],
    ["a 10 kB name", { name: big }, "name"],
  ])("rejects %s with 422 and leaves the unit as it was", async (_label, body, field) => {
    await expectRejected(() => put(body), 422, field);
  });
});

describe("status change: fields", () => {
  it.each([
    ["a missing reason", { status: "maintenance" }, "reason"],
    ["a blank reason", { status: "maintenance", reason: "  " }, "reason"],
    ["a 10 kB reason", { status: "maintenance", reason: big }, "reason"],
    ["an unknown status", { status: "stolen", reason: "gone" }, "status"],
    ["a status of the wrong type", { status: 3, reason: "gone" }, "status"],
    ["an unknown field", { status: "maintenance", reason: "check", at: "2020-01-01" }, "at"],
  ])("rejects %s with 422 naming the field", async (_label, body, field) => {
    await expectRejected(() => status(body), 422, field);
  });
});

describe("hostile-looking text", () => {
  it("stores SQL- and script-looking text verbatim and returns it unchanged", async () => {
    const name = `Robert'); DROP TABLE t_devices;--`;
    const description = `<script>alert("xss")</script><img src=x onerror=alert(1)> ' OR 1=1 --`;
    const res = await post({ ...valid(), name, description, specifications: { "<b>key</b>": "'; DELETE FROM t_users;--" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name, description, specifications: { "<b>key</b>": "'; DELETE FROM t_users;--" } });
    const { rows } = await sql().query("SELECT name, description FROM t_devices WHERE id = $1", [res.body.id]);
    expect(rows[0]).toEqual({ name, description });
    expect(await countRows("t_users")).toBeGreaterThan(0);
    const found = await api(`/api/devices?q=${encodeURIComponent("DROP TABLE")}`, { token: admin });
    expect(found.body.items.map((d: { id: number }) => d.id)).toContain(res.body.id);
  });
});
