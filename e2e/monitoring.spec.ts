import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { ADMIN, adminApi, signIn, unique } from "./helpers";

/**
 * Live monitoring in the browser: the pages talk to the real realtime server (scripts/test.sh
 * starts it and the telemetry worker); data arrives through /api/ingest, RabbitMQ and the worker.
 */
const DATABASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/device_store_test";

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
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
  return { email, password, devices, tokens, adminToken };
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

test("a threshold breach arrives as a toast, and acknowledging moves it out of the open list", async ({ page, request }) => {
  const { devices, tokens, adminToken } = await customerWithDevices(request);
  const device = devices[0];
  const config = await request.put(`/api/devices/${device.id}/config`, {
    headers: { authorization: `Bearer ${adminToken}` },
    data: { reportingIntervalSec: 60, metrics: ["temperature", "humidity"], thresholds: { temperature: { max: 30, severity: "critical", forReadings: 3 } } },
  });
  expect(config.status()).toBe(200);
  await signInAs(page, ADMIN.email, ADMIN.password);
  await page.goto(`/monitoring/alerts?deviceId=${device.id}`);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(page.getByTestId("alerts-empty")).toBeVisible();
  await expectAccessible(page);

  // Three readings above the line: the worker raises the alert and announces it.
  const start = Date.now() - 10_000;
  const readings = [0, 1, 2, 3].map((i) => ({ timestamp: new Date(start + i * 1000).toISOString(), metrics: { temperature: 35 + i, humidity: 40 } }));
  const ingest = await request.post("/api/ingest", { headers: { authorization: `Bearer ${tokens[0]}` }, data: { readings } });
  expect(ingest.status()).toBe(202);

  const toast = page.getByTestId("alert-toast").filter({ hasText: device.name });
  await expect(toast).toContainText(/critical/i, { timeout: 30_000 });
  const row = page.locator("tbody tr[data-status=open]");
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: /Acknowledge/ }).click();
  await row.getByLabel("Note").fill("Technician on the way");
  await row.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("alerts-empty")).toBeVisible();

  await page.getByLabel("State").selectOption("acknowledged");
  await expect(page.locator("tbody tr[data-status=acknowledged]")).toContainText("Technician on the way");
});

test("a device that goes silent turns offline on the overview without a reload", async ({ page, request }) => {
  // scripts/test.sh runs the worker with a 5 s offline floor (CONNECTIVITY_MIN_TIMEOUT_SEC), so silence shows quickly.
  test.setTimeout(150_000);
  const { devices, tokens, adminToken } = await customerWithDevices(request);
  const device = devices[0];
  expect((await request.put(`/api/devices/${device.id}/config`, { headers: { authorization: `Bearer ${adminToken}` }, data: { reportingIntervalSec: 1, metrics: ["temperature"] } })).status()).toBe(200);
  await signInAs(page, ADMIN.email, ADMIN.password);
  const [{ n }] = await sql<{ n: number }>("SELECT count(*)::int AS n FROM t_devices WHERE status IN ('sold','deployed') AND id < $1", [device.id]);
  await page.goto(`/monitoring?page=${Math.floor(n / 25)}`);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(page.getByTestId(`connectivity-${device.id}`)).toHaveAttribute("data-connectivity", "never_connected");
  await expectAccessible(page);

  // The device reports until the page shows it online, then falls silent.
  await expect(async () => {
    const res = await request.post("/api/ingest", { headers: { authorization: `Bearer ${tokens[0]}` }, data: { timestamp: new Date().toISOString(), metrics: { temperature: 21 } } });
    expect(res.status()).toBe(202);
    await expect(page.getByTestId(`connectivity-${device.id}`)).toHaveAttribute("data-connectivity", "online", { timeout: 2000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId(`connectivity-${device.id}`)).toHaveAttribute("data-connectivity", "offline", { timeout: 90_000 });
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
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText(theirs.devices[0].name)).toHaveCount(0);
  await page.goto("/monitoring/alerts");
  await expect(page.getByRole("combobox", { name: "Device" })).toContainText(mine.devices[0].name);
  await expect(page.getByRole("combobox", { name: "Device" })).not.toContainText(theirs.devices[0].name);
  await expect(page.getByRole("button", { name: /Acknowledge/ })).toHaveCount(0);
});
