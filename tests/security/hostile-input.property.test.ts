import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { adminToken, BASE_URL, newCustomer, newDevice, publishProduct, sql, unique } from "../integration/helpers";
import { ADDRESS, placeOrder, shipOrder } from "../integration/order-helpers";

/**
 * Issue 8, item 5: no input reaches a 500. fast-check drives every write route and every list
 * query of the running app with hostile values — NUL, lone surrogates, huge numbers, deep
 * nesting, wrong types, odd cursors — and checks that the answer is never 5xx and that a 4xx
 * wrote nothing (a fingerprint of every table, taken before and after).
 */

const RUNS = Number(process.env.HOSTILE_RUNS ?? 40);

// Tables a refused request may legitimately touch: failed sign-ins are counted on purpose.
const ALLOWED_ON_4XX = /login|attempt|rate_limit|throttl/i;

let tables: { name: string; hasUpdatedAt: boolean }[] = [];
async function fingerprint(): Promise<string> {
  const parts = await Promise.all(
    tables.map(async ({ name, hasUpdatedAt }) => {
      const { rows } = await sql().query(`SELECT count(*)::text AS n${hasUpdatedAt ? ", max(updated_at)::text AS u" : ""} FROM "${name}"`);
      return `${name}:${rows[0].n}:${rows[0].u ?? ""}`;
    }),
  );
  return parts.join("|");
}

const NUL = "\u0000";
const hostileString = fc.oneof(
  fc.constantFrom(`a${NUL}b`, NUL, "\ud800", "x\udfffy", "\ud83d", "%00", "../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>", "", " ", "𝟘".repeat(300), "é\u0301", "\u202e"),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 40 }).map((s) => `${s}${NUL}`),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1, 0, -1, 0.5, -0, Number.MAX_SAFE_INTEGER),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((b) => Number(b)),
);
const nested = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : depth % 2 ? [nested(depth - 1, leaf)] : { a: nested(depth - 1, leaf) });
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(null, true, false, [], {}, [[[]]], { [NUL]: 1 }, { "$where": "1" }, { "a.b": 1 }, { ["\ud800"]: "x" }),
  fc.integer({ min: 30, max: 60 }).map((d) => nested(d, "deep")),
  fc.array(hostileString, { maxLength: 5 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 4 }),
);

// Raw JSON texts that JSON.stringify cannot produce.
const rawBodies = fc.constantFrom(
  "[".repeat(10_000) + "]".repeat(10_000),
  '{"a":'.repeat(5_000) + "1" + "}".repeat(5_000),
  '{"name":"\\ud800"}',
  '{"\\u0000":1}',
  "1e999",
  '"just a string"',
  "null",
  "",
  "{",
  '{"a":1,"a":2}',
);

interface Target {
  method: string;
  path: () => string;
  token: () => Promise<string | null>;
  template: () => Record<string, unknown>;
}

let ids: { device: number; order: number; delivery: number; customerOrder: number; product: number };
let customerToken: string;
const admin = () => adminToken();
const customer = async () => customerToken;
const anonymous = async () => null;

const TARGETS: Target[] = [
  { method: "POST", path: () => "/api/auth/register", token: anonymous, template: () => ({ email: "p@example.com", password: "long-enough-pw", name: "P" }) },
  { method: "POST", path: () => "/api/auth/token", token: anonymous, template: () => ({ email: "p@example.com", password: "wrong-password" }) },
  { method: "PUT", path: () => "/api/auth/password", token: customer, template: () => ({ currentPassword: "not-the-password", newPassword: "another-password" }) },
  { method: "POST", path: () => "/api/devices", token: admin, template: () => ({ serialNumber: "SN-PROP", name: "n", type: "sensor", model: "M", price: "1.00" }) },
  { method: "PUT", path: () => `/api/devices/${ids.device}`, token: admin, template: () => ({ name: "renamed" }) },
  { method: "PUT", path: () => `/api/devices/${ids.device}/status`, token: admin, template: () => ({ status: "maintenance", reason: "checking" }) },
  { method: "PUT", path: () => `/api/devices/${ids.device}/config`, token: admin, template: () => ({ reportingIntervalSec: 60, metrics: ["temperature"] }) },
  { method: "PATCH", path: () => `/api/products/${ids.product}`, token: admin, template: () => ({ name: "renamed", description: "d", specifications: { a: 1 } }) },
  { method: "POST", path: () => "/api/orders", token: customer, template: () => ({ items: [{ deviceId: ids.device }], shippingAddress: ADDRESS }) },
  { method: "PUT", path: () => `/api/orders/${ids.order}/status`, token: admin, template: () => ({ status: "cancelled", note: "n" }) },
  { method: "POST", path: () => "/api/deliveries", token: admin, template: () => ({ orderId: ids.order, carrier: "DHL", trackingNumber: "TRK-1" }) },
  { method: "PUT", path: () => `/api/deliveries/${ids.delivery}/status`, token: admin, template: () => ({ status: "returned" }) },
  { method: "PUT", path: () => `/api/deliveries/${ids.delivery}/confirm`, token: customer, template: () => ({ note: "thanks" }) },
  { method: "POST", path: () => `/api/deliveries/${ids.delivery}/issues`, token: customer, template: () => ({ kind: "damaged", note: "n", unitStatus: "defective" }) },
];

const LISTS: { path: string; token: () => Promise<string | null>; params: string[] }[] = [
  { path: "/api/devices", token: admin, params: ["status", "type", "model", "q", "sort", "limit", "cursor"] },
  { path: "/api/orders", token: admin, params: ["status", "q", "limit", "cursor"] },
  { path: "/api/orders", token: customer, params: ["status", "q", "limit", "cursor"] },
  { path: "/api/deliveries", token: admin, params: ["status", "q", "limit", "cursor"] },
  { path: "/api/deliveries", token: customer, params: ["status", "q", "limit", "cursor"] },
  { path: "/api/catalog", token: customer, params: ["type", "q", "limit"] },
  { path: "/api/products", token: admin, params: ["q", "type", "model", "published", "limit"] },
  { path: "/api/products", token: customer, params: ["q", "type", "model", "published", "limit"] },
  { path: "/api/devices/export", token: admin, params: ["status", "type", "q"] },
];

async function send(method: string, path: string, token: string | null, body?: string, contentType = "application/json") {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = contentType;
  const res = await fetch(`${BASE_URL}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, text };
}

/** Sends one request and checks the two promises: no 5xx; a 4xx leaves every table as it was. */
async function expectNoServerErrorAndNoWriteOn4xx(method: string, path: string, token: string | null, body?: string, contentType?: string) {
  const before = await fingerprint();
  const res = await send(method, path, token, body, contentType);
  const label = `${method} ${path} ${body?.slice(0, 200)} → ${res.status} ${res.text.slice(0, 200)}`;
  expect(res.status, label).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.text, label).toMatch(/"error":\{"code":"/);
    expect(await fingerprint(), label).toBe(before);
  }
}

// Lone surrogates survive as \ud800 escapes: JSON.stringify escapes them since ES2019.
const withField = (template: Record<string, unknown>, key: string, value: unknown) => JSON.stringify({ ...template, [key]: value });

const cursorArb = fc.oneof(
  fc.tuple(hostileValue, hostileValue).map((pair) => Buffer.from(JSON.stringify(pair)).toString("base64url")),
  fc.tuple(fc.constantFrom("2026-13-45T99:00:00.000Z", "NaN", "1e999", "Infinity", "-", "0x10", "12345678901234567890.5", "not a date"), fc.integer()).map((pair) =>
    Buffer.from(JSON.stringify(pair)).toString("base64url"),
  ),
  hostileString,
);

// encodeURIComponent throws on a lone surrogate; send the bytes a broken client would (CESU-8).
const enc = (s: string) =>
  encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")).replace(/%EF%BF%BD/g, "%ED%A0%80");

const queryValue = fc.oneof(
  hostileString.map(enc),
  fc.constantFrom("%00", "%ED%A0%80", "%FF", "%", "%%", "-createdAt", "price", "-price", "1e999", "-1", "100000000000", "[]"),
  hostileNumber.map(String),
  cursorArb.map(enc),
);

describe("hostile input never causes a 5xx, and a refused request writes nothing", () => {
  beforeAll(async () => {
    const { rows } = await sql().query(`
      SELECT t.table_name AS name, bool_or(c.column_name = 'updated_at') AS has_updated_at
      FROM information_schema.tables t JOIN information_schema.columns c USING (table_schema, table_name)
      WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name <> '_prisma_migrations'
      GROUP BY t.table_name ORDER BY t.table_name`);
    tables = rows.filter((r) => !ALLOWED_ON_4XX.test(r.name)).map((r) => ({ name: r.name, hasUpdatedAt: r.has_updated_at }));
    const c = await newCustomer();
    customerToken = c.token;
    const device = await newDevice();
    const shipped = await newDevice();
    const order = await placeOrder(c.token, [{ deviceId: shipped.id }]);
    const delivery = await shipOrder(order.body.id);
    const pendingDevice = await newDevice();
    const pending = await placeOrder(c.token, [{ deviceId: pendingDevice.id }]);
    // A product of its own: a hostile PATCH that happens to be valid changes nobody else's.
    const own = await newDevice({ model: unique("HP") });
    const product = await publishProduct("sensor", own.model as string);
    ids = { device: device.id, order: pending.body.id, delivery: delivery.id, customerOrder: order.body.id, product };
  }, 180_000);

  it("write routes: one field replaced, a key added, or the whole body hostile", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TARGETS),
        fc.oneof(
          fc.record({ kind: fc.constant("field" as const), which: fc.nat(), value: hostileValue }),
          fc.record({ kind: fc.constant("key" as const), key: hostileString, value: hostileValue }),
          fc.record({ kind: fc.constant("body" as const), value: hostileValue }),
          fc.record({ kind: fc.constant("raw" as const), raw: rawBodies }),
        ),
        async (target, mutation) => {
          const template = target.template();
          const keys = Object.keys(template);
          let body: string;
          if (mutation.kind === "field") body = withField(template, keys[mutation.which % keys.length], mutation.value);
          else if (mutation.kind === "key") body = withField(template, mutation.key, mutation.value);
          else if (mutation.kind === "body") body = JSON.stringify(mutation.value) ?? "null";
          else body = mutation.raw;
          await expectNoServerErrorAndNoWriteOn4xx(target.method, target.path(), await target.token(), body);
        },
      ),
      { numRuns: RUNS * 3 },
    );
  }, 600_000);

  it("route ids and content types: odd path segments and non-JSON bodies", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TARGETS.filter((t) => /\/\d+/.test(t.path()))),
        fc.constantFrom("0", "-1", "99999999999", "1e3", "%00", "%ED%A0%80", "%FF", "%", "abc", "1.5", "%201"),
        fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"),
        async (target, segment, contentType) => {
          const path = target.path().replace(/\/\d+/, `/${segment}`);
          await expectNoServerErrorAndNoWriteOn4xx(target.method, path, await target.token(), JSON.stringify(target.template()), contentType);
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);

  it("CSV import (dry run and real) with hostile text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), hostileString, async (dryRun, cell) => {
        const csv = `serialNumber,name,type,model,price\nSN-${Date.now()},${cell},sensor,M,1.00\n`;
        await expectNoServerErrorAndNoWriteOn4xx("POST", `/api/devices/import?dryRun=${dryRun}`, await admin(), csv, "text/csv");
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it("list queries: hostile filters, sorts, limits and cursors", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LISTS),
        fc.array(fc.tuple(fc.nat(), queryValue), { minLength: 1, maxLength: 3 }),
        fc.option(fc.tuple(hostileString, hostileString)),
        async (list, pairs, extra) => {
          const query = pairs.map(([i, v]) => `${list.params[i % list.params.length]}=${v}`);
          if (extra) query.push(`${enc(extra[0])}=${enc(extra[1])}`);
          await expectNoServerErrorAndNoWriteOn4xx("GET", `${list.path}?${query.join("&")}`, await list.token());
        },
      ),
      { numRuns: RUNS * 3 },
    );
  }, 600_000);
});
