import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import amqp from "amqplib";
import { MongoClient, ObjectId } from "mongodb";
import pg from "pg";
import { ADMIN, adminApi, signIn, unique } from "./helpers";

/**
 * Live monitoring in the browser: the pages talk to the real realtime server (scripts/test.sh
 * starts it and the telemetry worker); data arrives through /api/ingest and RabbitMQ.
 */
const DATABASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/device_store_test";
const MONGODB_URL = process.env.MONGODB_URL ?? "mongodb://127.0.0.1:27017/device_monitoring_test";
const RABBITMQ_URL = process.env.RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672/device_store_test";

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function publish(routingKey: string, payload: unknown) {
  const conn = await amqp.connect(RABBITMQ_URL);
  try {
    const ch = await conn.createConfirmChannel();
    await ch.assertExchange("device_events", "topic", { durable: true });
    ch.publish("device_events", routingKey, Buffer.from(JSON.stringify(payload)), { contentType: "application/json" });
    await ch.waitForConfirms();
  } finally {
    await conn.close();
  }
}

async function withMongo<T>(fn: (db: ReturnType<MongoClient["db"]>) => Promise<T>): Promise<T> {
  const client = new MongoClient(MONGODB_URL);
  try {
    return await fn(client.db());
  } finally {
    await client.close();
  }
}

/** A customer who ordered `count` new units, shipped to them through the real API; with device tokens. */
async function customerWithDevices(request: APIRequestContext, count = 1) {
  const admin = await adminApi(request);
  const adminToken = (await (await request.post("/api/auth/token", { data: ADMIN })).json()).token as string;
  const asAdmin = { authorization: `Bearer ${adminToken}` };
  const email = `${unique("watcher").toLowerCase()}@example.com`;
  const password = "watcher-password-1";
  expect((await request.post("/api/auth/register", { data: { email, password, name: "Wendy Watcher" } })).status()).toBe(201);
  const token = (await (await request.post("/api/auth/token", { data: { email, password } })).json()).token as string;
  const devices = [];
  for (let i = 0; i < count; i++) devices.push(await admin.createDevice({ name: `Field Sensor ${unique("F")}`, model: unique("FS") }));
  const order = await request.post("/api/orders", { headers: { authorization: `Bearer ${token}` }, data: { items: devices.map((d) => ({ deviceId: d.id })), shippingAddress: "1 Sensor Lane, Testville" } });
  expect(order.status()).toBe(201);
  const orderId = (await order.json()).id;
  for (const status of ["confirmed", "processing"]) expect((await request.put(`/api/orders/${orderId}/status`, { headers: asAdmin, data: { status } })).status()).toBe(200);
  expect((await request.post("/api/deliveries", { headers: asAdmin, data: { orderId, carrier: "DHL", trackingNumber: unique("TRK") } })).status()).toBe(201);
  const tokens: string[] = [];
  for (const d of devices) {
    const cred = await request.post(`/api/devices/${d.id}/credentials`, { headers: asAdmin });
    expect(cred.status()).toBe(201);
    tokens.push((await cred.json()).token);
  }
  return { email, password, devices, tokens };
}

async function signInAs(page: Page, email: string, password: string) {
  await signIn(page, email, password);
  await expect(page).not.toHaveURL(/\/login/);
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a device's chart updates live as readings arrive, without a reload", async ({ page, request }) => {
  const { devices, tokens } = await customerWithDevices(request);
  const device = devices[0];
  await signInAs(page, ADMIN.email, ADMIN.password);
  await page.goto(`/monitoring/devices/${device.id}`);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(page.getByTestId("latest-temperature")).toHaveText("Waiting for live data");
  await expectAccessible(page);

  // Readings keep coming (a device reporting every 500 ms) until the page shows them.
  let i = 0;
  const send = async () => {
    const value = 20 + (i++ % 10);
    const res = await request.post("/api/ingest", { headers: { authorization: `Bearer ${tokens[0]}` }, data: { timestamp: new Date().toISOString(), metrics: { temperature: value, humidity: 45 } } });
    expect(res.status()).toBe(202);
  };
  await expect(async () => {
    await send();
    await expect(page.getByTestId("latest-temperature")).toHaveText(/^Latest \d+/, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const before = Number(await page.getByTestId("chart-temperature").getAttribute("data-points"));
  await expect(async () => {
    await send();
    expect(Number(await page.getByTestId("chart-temperature").getAttribute("data-points"))).toBeGreaterThan(before);
  }).toPass({ timeout: 30_000 });
});

test("a new alert arrives as a toast, and acknowledging moves it out of the open list", async ({ page, request }) => {
  const { devices } = await customerWithDevices(request);
  const device = devices[0];
  await signInAs(page, ADMIN.email, ADMIN.password);
  await page.goto(`/monitoring/alerts?deviceId=${device.id}`);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(page.getByTestId("alerts-empty")).toBeVisible();
  await expectAccessible(page);

  // A threshold breach as the worker records and announces it.
  const now = new Date();
  const id = new ObjectId();
  const message = `Temperature ${unique("T")} above 30`;
  await withMongo((db) =>
    db.collection("device_alerts").insertOne({
      _id: id, device_id: device.id, alert_type: "temperature_high", severity: "critical", message, acknowledged: false,
      created_at: now, status: "open", slot: "open", count: 3, first_seen_at: now, last_seen_at: now, metric: "temperature", value: 31.5, threshold: 30,
    }),
  );
  const dto = {
    id: id.toHexString(), deviceId: device.id, alertType: "temperature_high", metric: "temperature", severity: "critical", status: "open", message,
    acknowledged: false, count: 3, value: 31.5, threshold: 30, details: null, createdAt: now.toISOString(), firstSeenAt: now.toISOString(),
    lastSeenAt: now.toISOString(), acknowledgedAt: null, clearedAt: null,
  };
  await publish(`alert.${device.id}`, { v: 1, action: "raised", alert: dto });

  await expect(page.getByTestId("alert-toast")).toContainText(message);
  const row = page.getByTestId(`alert-${id.toHexString()}`);
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /Acknowledge/ }).click();
  await row.getByLabel("Note").fill("Technician on the way");
  await row.getByRole("button", { name: "Confirm" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId("alerts-empty")).toBeVisible();

  await page.getByLabel("State").selectOption("acknowledged");
  await expect(page.getByTestId(`alert-${id.toHexString()}`)).toContainText("Technician on the way");
});

test("a device that goes silent turns offline on the overview without a reload", async ({ page, request }) => {
  const { devices } = await customerWithDevices(request);
  const device = devices[0];
  await sql("UPDATE t_devices SET connectivity = 'online', connectivity_changed_at = now(), last_seen_at = now() WHERE id = $1", [device.id]);
  await signInAs(page, ADMIN.email, ADMIN.password);
  await page.goto(`/monitoring?page=${Math.floor((await sql<{ n: number }>("SELECT count(*)::int AS n FROM t_devices WHERE status IN ('sold','deployed') AND id < $1", [device.id]))[0].n / 25)}`);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(page.getByTestId(`connectivity-${device.id}`)).toHaveAttribute("data-connectivity", "online");
  await expectAccessible(page);

  // What the offline detector does when the device stays silent: the column, then the event.
  const since = new Date().toISOString();
  const [{ last }] = await sql<{ last: Date }>("UPDATE t_devices SET connectivity = 'offline', connectivity_changed_at = now() WHERE id = $1 RETURNING last_seen_at AS last", [device.id]);
  await publish(`status.${device.id}`, { v: 1, type: "connectivity", deviceId: device.id, state: "offline", since, lastSeenAt: last.toISOString() });
  await expect(page.getByTestId(`connectivity-${device.id}`)).toHaveAttribute("data-connectivity", "offline", { timeout: 20_000 });
});

test("a customer sees only their own devices", async ({ page, request }) => {
  const mine = await customerWithDevices(request);
  const theirs = await customerWithDevices(request);
  await signInAs(page, mine.email, mine.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My devices" }).click();
  await expect(page.getByRole("heading", { name: "My devices" })).toBeVisible();
  await expect(page.getByTestId(`device-row-${mine.devices[0].id}`)).toBeVisible();
  await expect(page.getByTestId(`device-row-${theirs.devices[0].id}`)).toHaveCount(0);
  await expect(page.getByText(theirs.devices[0].name)).toHaveCount(0);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expectAccessible(page);

  await page.getByRole("link", { name: mine.devices[0].name }).click();
  await expect(page.getByRole("heading", { name: mine.devices[0].name })).toBeVisible();
  await expect(page.getByTestId("device-timeline")).toContainText("Shipped");
  await expect(page.getByTestId("device-timeline")).not.toContainText("admin@example.com");

  // Someone else's unit does not exist for them (the status line is sent before the page streams, so read the page).
  await page.goto(`/monitoring/devices/${theirs.devices[0].id}`);
  await expect(page.getByText("This page could not be found")).toBeVisible();
  await expect(page.getByText(theirs.devices[0].name)).toHaveCount(0);
  await page.goto("/monitoring/alerts");
  await expect(page.getByLabel("Device")).not.toContainText(theirs.devices[0].name);
  await expect(page.getByRole("button", { name: /Acknowledge/ })).toHaveCount(0);
});
