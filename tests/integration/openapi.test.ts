import { randomUUID } from "node:crypto";
import { ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorEnvelopeSchema } from "@/lib/errors";
import { ensureAlertIndexes } from "@/lib/monitoring/alert-model";
import { findOperation } from "@/lib/openapi/operations";
import type { HttpMethod } from "@/lib/openapi/types";
import { adminToken, api, type ApiOptions, type ApiResponse, newCustomer, newDevice, publishProduct, unique } from "./helpers";
import { newProduct, placeOrder } from "./order-helpers";
import { closeTelemetryClients, fieldDevice, mongo, reading } from "./telemetry-helpers";

/**
 * The contract holds: real responses of the running server, checked against what
 * /api/openapi.json documents for the operation (status, content type, and the body against the
 * very zod schema the document was generated from; errors against the error envelope).
 */
let admin: string;
let customer: Awaited<ReturnType<typeof newCustomer>>;
const covered = new Set<string>();

/** Calls `method concretePath`, documented as `method documentedPath`, and checks the answer against the document. */
async function call(method: HttpMethod, documentedPath: string, concretePath: string, expectedStatus: number, options: ApiOptions = {}): Promise<ApiResponse> {
  const op = findOperation(method, documentedPath);
  const res = await api(concretePath, { ...options, method });
  const where = `${method} ${concretePath} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  expect(res.status, where).toBe(expectedStatus);
  covered.add(`${method} ${documentedPath}`);
  const spec = op.responses[res.status];
  if (!spec) {
    expect(op.errors, `${where}: status not documented`).toContain(res.status);
    const parsed = errorEnvelopeSchema.safeParse(res.body);
    expect(parsed.error?.issues ?? [], `${where}: not the error envelope`).toEqual([]);
    return res;
  }
  const type = res.headers.get("content-type") ?? "";
  if (spec.schema && type.startsWith("application/json")) {
    const parsed = spec.schema.safeParse(res.body);
    expect(parsed.error?.issues ?? [], `${where}: body does not match the documented schema`).toEqual([]);
  } else if (spec.contentType) {
    expect(type, where).toContain(spec.contentType);
  } else {
    expect(res.body, `${where}: documented without a body`).toBeNull();
  }
  return res;
}

beforeAll(async () => {
  admin = await adminToken();
  customer = await newCustomer("Contract Customer");
  await ensureAlertIndexes(mongo());
});
afterAll(closeTelemetryClients);

describe("the document itself", () => {
  it("is served publicly at /api/openapi.json, cacheable, and lists every route", async () => {
    const res = await call("GET", "/api/openapi.json", "/api/openapi.json", 200);
    expect(res.headers.get("cache-control")).toContain("public");
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(["/api/devices", "/api/orders/{id}", "/api/ingest"]));
  });

  it("is rendered as a page without signing in", async () => {
    const res = await api("/api-docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.body).toContain("/api/deliveries/{id}/confirm");
    expect(res.body).toContain("DevicePage");
  });
});

describe("health and accounts", () => {
  it("health and liveness answer as documented (admins see the checks)", async () => {
    const pub = await call("GET", "/api/health", "/api/health", 200);
    expect(pub.body.checks).toBeUndefined();
    const detail = await call("GET", "/api/health", "/api/health", 200, { token: admin });
    expect(detail.body.checks).toEqual({ postgres: "ok", rabbitmq: "ok", mongodb: "ok" });
    await call("GET", "/api/health/live", "/api/health/live", 200);
  });

  it("register, token, password change and sign-out everywhere answer as documented", async () => {
    const email = `${unique("oa").toLowerCase()}@example.com`;
    await call("POST", "/api/auth/register", "/api/auth/register", 201, { json: { email, password: "contract-pass-1", name: "Contract" } });
    await call("POST", "/api/auth/register", "/api/auth/register", 409, { json: { email, password: "contract-pass-1", name: "Contract" } });
    const token = (await call("POST", "/api/auth/token", "/api/auth/token", 201, { json: { email, password: "contract-pass-1" } })).body.token;
    await call("POST", "/api/auth/token", "/api/auth/token", 401, { json: { email, password: "wrong-password" } });
    await call("PUT", "/api/auth/password", "/api/auth/password", 200, { token, json: { currentPassword: "contract-pass-1", newPassword: "contract-pass-2" } });
    const fresh = (await call("POST", "/api/auth/token", "/api/auth/token", 201, { json: { email, password: "contract-pass-2" } })).body.token;
    await call("DELETE", "/api/auth/token", "/api/auth/token", 200, { token: fresh });
    await call("DELETE", "/api/auth/token", "/api/auth/token", 401, { token: fresh });
  });

  it("metrics are Prometheus text for admins and refused to customers", async () => {
    await call("GET", "/api/metrics", "/api/metrics", 200, { token: admin });
    await call("GET", "/api/metrics", "/api/metrics", 403, { token: customer.token });
  });
});

describe("devices", () => {
  it("create, list, get, update, status, history and delete answer as documented", async () => {
    const created = await call("POST", "/api/devices", "/api/devices", 201, {
      token: admin,
      json: { serialNumber: unique("OA"), name: "Contract Sensor", type: "sensor", model: "OA-1", price: 12.5, specifications: { range: "10m" } },
    });
    const id = created.body.id as number;
    // A new model makes a draft product; customers see units of published products only.
    const productId = await publishProduct("sensor", "OA-1");
    await call("GET", "/api/products", "/api/products?q=OA-1", 200, { token: admin });
    await call("GET", "/api/products", "/api/products", 200, { token: customer.token });
    await call("GET", "/api/products/{id}", `/api/products/${productId}`, 200, { token: customer.token });
    await call("PATCH", "/api/products/{id}", `/api/products/${productId}`, 200, { token: admin, json: { description: "Contract sensor, documented" } });
    await call("GET", "/api/devices", "/api/devices?limit=5&sort=-price", 200, { token: admin });
    await call("GET", "/api/devices", "/api/devices", 200, { token: customer.token });
    await call("GET", "/api/devices/{id}", `/api/devices/${id}`, 200, { token: admin });
    await call("GET", "/api/devices/{id}", `/api/devices/${id}`, 200, { token: customer.token });
    await call("PUT", "/api/devices/{id}", `/api/devices/${id}`, 200, { token: admin, json: { description: "documented" } });
    await call("PUT", "/api/devices/{id}/status", `/api/devices/${id}/status`, 200, { token: admin, json: { status: "maintenance", reason: "contract check" } });
    await call("GET", "/api/devices/{id}/history", `/api/devices/${id}/history`, 200, { token: admin });
    await call("DELETE", "/api/devices/{id}", `/api/devices/${id}`, 204, { token: admin });
    await call("GET", "/api/products", "/api/products?q=OA-1&limit=1", 200, { token: admin });
    await call("GET", "/api/devices/{id}", `/api/devices/${id}`, 404, { token: admin });
  });

  it("a product answers 409 to delete while it has units, 204 once it has none", async () => {
    const model = unique("OAP");
    const unit = await call("POST", "/api/devices", "/api/devices", 201, {
      token: admin,
      json: { serialNumber: unique("OA"), name: "Short-lived", type: "sensor", model, price: "5.00" },
    });
    const productId = (await api(`/api/products?model=${model}`, { token: admin })).body.items[0].id as number;
    await call("DELETE", "/api/products/{id}", `/api/products/${productId}`, 409, { token: admin });
    await call("DELETE", "/api/products/{id}", `/api/products/${productId}`, 403, { token: customer.token });
    await call("DELETE", "/api/devices/{id}", `/api/devices/${unit.body.id}`, 204, { token: admin });
    await call("DELETE", "/api/products/{id}", `/api/products/${productId}`, 204, { token: admin });
    await call("DELETE", "/api/products/{id}", `/api/products/${productId}`, 404, { token: admin });
  });

  it("configuration and credentials answer as documented", async () => {
    const { id } = await newDevice();
    await call("GET", "/api/devices/{id}/config", `/api/devices/${id}/config`, 200, { token: admin });
    await call("PUT", "/api/devices/{id}/config", `/api/devices/${id}/config`, 200, {
      token: admin,
      json: { reportingIntervalSec: 30, metrics: ["temperature", "humidity"], thresholds: { temperature: { max: 40, severity: "critical" } } },
    });
    await call("GET", "/api/devices/{id}/config", `/api/devices/${id}/config`, 200, { token: admin });
    await call("POST", "/api/devices/{id}/credentials", `/api/devices/${id}/credentials`, 201, { token: admin });
    await call("GET", "/api/devices/{id}/credentials", `/api/devices/${id}/credentials`, 200, { token: admin });
    await call("DELETE", "/api/devices/{id}/credentials", `/api/devices/${id}/credentials`, 204, { token: admin });
    await call("DELETE", "/api/devices/{id}/credentials", `/api/devices/${id}/credentials`, 404, { token: admin });
  });

  it("CSV export and import answer as documented", async () => {
    await call("GET", "/api/devices/export", "/api/devices/export?type=sensor", 200, { token: admin });
    const csv = `serialNumber,name,type,model,price\n${unique("OAI")},Imported,sensor,OA-2,5.00\n`;
    const report = await call("POST", "/api/devices/import", "/api/devices/import", 200, { token: admin, body: csv, headers: { "content-type": "text/csv" } });
    expect(report.body).toMatchObject({ dryRun: true, created: 1 });
  });

  it("errors are the documented envelope: 401, 403, 404, 415, 422", async () => {
    await call("GET", "/api/devices", "/api/devices", 401);
    await call("POST", "/api/devices", "/api/devices", 403, { token: customer.token, json: {} });
    await call("GET", "/api/devices/{id}", "/api/devices/2147483000", 404, { token: admin });
    await call("POST", "/api/devices", "/api/devices", 415, { token: admin, body: "{}", headers: { "content-type": "text/plain" } });
    const invalid = await call("POST", "/api/devices", "/api/devices", 422, { token: admin, json: { serialNumber: "", price: "abc" } });
    expect(invalid.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(["serialNumber", "price"]));
    await call("GET", "/api/devices", "/api/devices?limit=1000", 422, { token: admin });
  });
});

describe("catalog, orders and deliveries", () => {
  it("an order's life through the API answers as documented at every step", async () => {
    const product = await newProduct(2);
    await call("GET", "/api/catalog", "/api/catalog", 200, { token: customer.token });
    const placed = await placeOrder(customer.token, [{ type: product.type, model: product.model, quantity: 2 }]);
    expect(placed.status).toBe(201);
    const orderId = placed.body.id as number;
    await call("POST", "/api/orders", "/api/orders", 201, { token: customer.token, json: { items: [{ deviceId: (await newDevice()).id }], shippingAddress: "1 Contract Lane, Testville" } });
    await call("POST", "/api/orders", "/api/orders", 409, { token: customer.token, json: { items: [{ deviceId: product.devices[0].id }], shippingAddress: "1 Contract Lane, Testville" } });
    await call("GET", "/api/orders", "/api/orders", 200, { token: customer.token });
    await call("GET", "/api/orders", "/api/orders?status=pending&limit=5", 200, { token: admin });
    await call("GET", "/api/orders/{id}", `/api/orders/${orderId}`, 200, { token: customer.token });
    await call("GET", "/api/orders/{id}", `/api/orders/${orderId}`, 200, { token: admin });
    for (const status of ["confirmed", "processing"]) {
      await call("PUT", "/api/orders/{id}/status", `/api/orders/${orderId}/status`, 200, { token: admin, json: { status } });
    }
    await call("PUT", "/api/orders/{id}/status", `/api/orders/${orderId}/status`, 409, { token: admin, json: { status: "pending" } });

    const shipped = await call("POST", "/api/deliveries", "/api/deliveries", 201, { token: admin, json: { orderId, carrier: "DHL", trackingNumber: unique("TRK") } });
    const deliveryId = shipped.body.id as number;
    await call("GET", "/api/deliveries", "/api/deliveries", 200, { token: admin });
    await call("GET", "/api/deliveries", "/api/deliveries", 200, { token: customer.token });
    await call("GET", "/api/deliveries/{id}", `/api/deliveries/${deliveryId}`, 200, { token: customer.token });
    await call("POST", "/api/deliveries/{id}/issues", `/api/deliveries/${deliveryId}/issues`, 201, { token: admin, json: { kind: "note", note: "left at the depot" } });
    await call("PUT", "/api/deliveries/{id}/status", `/api/deliveries/${deliveryId}/status`, 200, { token: admin, json: { status: "out_for_delivery" } });
    await call("PUT", "/api/deliveries/{id}/confirm", `/api/deliveries/${deliveryId}/confirm`, 200, { token: customer.token });
    const other = await newCustomer("Someone Else");
    await call("GET", "/api/orders/{id}", `/api/orders/${orderId}`, 404, { token: other.token });
    await call("GET", "/api/deliveries/{id}", `/api/deliveries/${deliveryId}`, 404, { token: other.token });
    // The order detail now carries deliveries and a timeline: still as documented.
    await call("GET", "/api/orders/{id}", `/api/orders/${orderId}`, 200, { token: customer.token });
    await call("GET", "/api/orders/{id}", `/api/orders/${orderId}`, 200, { token: admin });
  });
});

describe("telemetry and monitoring", () => {
  it("ingest, readings, stats, export and alerts answer as documented", { timeout: 120_000 }, async () => {
    const device = await fieldDevice();
    const ingested = await call("POST", "/api/ingest", "/api/ingest", 202, { token: device.token, json: { readings: [reading(), reading()] } });
    expect(ingested.body.accepted).toBe(2);
    await call("POST", "/api/ingest", "/api/ingest", 401, { token: "dvt_not-a-token", json: reading() });
    await call("POST", "/api/ingest", "/api/ingest", 422, { token: device.token, json: { metrics: { temperature: "hot" } } });

    // Stored the way the worker stores them (no worker runs in this suite).
    const now = Date.now();
    await mongo()
      .collection("monitoring_data")
      .insertMany(
        [1, 2, 3].map((i) => ({
          device_id: device.id,
          timestamp: new Date(now - i * 60_000),
          receivedAt: new Date(now - i * 60_000),
          metrics: { temperature: 20 + i, humidity: 40 },
          location: { lat: 48.1, lng: 11.5 },
          raw_data: { seq: i },
          messageId: randomUUID(),
        })),
      );
    const page = await call("GET", "/api/monitoring/data", `/api/monitoring/data?deviceId=${device.id}&limit=2`, 200, { token: admin });
    expect(page.body.items).toHaveLength(2);
    await call("GET", "/api/monitoring/data/{deviceId}", `/api/monitoring/data/${device.id}`, 200, { token: admin });
    await call("GET", "/api/monitoring/data/{deviceId}", `/api/monitoring/data/${device.id}`, 404, { token: customer.token });
    await call("GET", "/api/monitoring/data/{deviceId}/export", `/api/monitoring/data/${device.id}/export`, 200, { token: admin });
    await call("GET", "/api/monitoring/stats", "/api/monitoring/stats", 200, { token: admin });
    await call("GET", "/api/monitoring/stats", `/api/monitoring/stats?deviceId=${device.id}&metric=temperature&interval=1h`, 200, { token: admin });
    await call("GET", "/api/monitoring/stats", `/api/monitoring/stats?deviceId=${device.id}`, 422, { token: admin });

    const alertId = new ObjectId();
    const at = new Date();
    await mongo().collection("device_alerts").insertOne({
      _id: alertId, device_id: device.id, alert_type: "temperature_high", severity: "warning", message: "Temperature above 30",
      acknowledged: false, created_at: at, status: "open", slot: "open", count: 1, first_seen_at: at, last_seen_at: at,
      metric: "temperature", value: 31, threshold: 30,
    });
    const alerts = await call("GET", "/api/monitoring/alerts", `/api/monitoring/alerts?deviceId=${device.id}`, 200, { token: admin });
    expect(alerts.body.items.map((a: { id: string }) => a.id)).toContain(alertId.toHexString());
    await call("GET", "/api/monitoring/alerts", "/api/monitoring/alerts?status=all", 200, { token: customer.token });
    // Not the device's owner: the alert does not exist for them.
    await call("PUT", "/api/monitoring/alerts/{id}/ack", `/api/monitoring/alerts/${alertId}/ack`, 404, { token: customer.token });
    await call("PUT", "/api/monitoring/alerts/{id}/ack", `/api/monitoring/alerts/${alertId}/ack`, 200, { token: admin, json: { note: "looking" } });
    await call("PUT", "/api/monitoring/alerts/{id}/clear", `/api/monitoring/alerts/${alertId}/clear`, 200, { token: admin });
    await call("PUT", "/api/monitoring/alerts/{id}/clear", `/api/monitoring/alerts/${alertId}/clear`, 409, { token: admin });
  });

  it("analytics reports answer as documented, as JSON and as CSV", async () => {
    await call("GET", "/api/analytics/{report}", "/api/analytics/sales-summary?granularity=day", 200, { token: admin });
    await call("GET", "/api/analytics/{report}", "/api/analytics/inventory?format=csv", 200, { token: admin });
    await call("GET", "/api/analytics/{report}", "/api/analytics/no-such-report", 404, { token: admin });
  });
});

describe("coverage of this suite", () => {
  it("exercised the representative operations", () => {
    const required = [
      "GET /api/devices", "POST /api/devices", "GET /api/devices/{id}",
      "GET /api/orders", "POST /api/orders", "GET /api/orders/{id}",
      "GET /api/deliveries", "POST /api/deliveries", "GET /api/deliveries/{id}",
      "GET /api/monitoring/alerts", "GET /api/monitoring/data", "POST /api/ingest", "GET /api/health",
    ];
    expect(required.filter((key) => !covered.has(key))).toEqual([]);
  });
});
