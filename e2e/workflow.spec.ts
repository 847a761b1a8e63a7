import { expect, test, type Browser, type Page } from "@playwright/test";
import { ready } from "./helpers";

/**
 * The specification's workflow, steps 1–5, in the browser: admin adds a unit, a customer buys
 * it in the shop, the admin confirms and ships it from the orders board, the customer sees the
 * tracking number and confirms receipt.
 */
const ADMIN = { email: process.env.ADMIN_EMAIL ?? "admin@example.com", password: process.env.ADMIN_PASSWORD ?? "admin-demo-password" };

async function signIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  // Wait for hydration: a click before it would submit the form natively.
  await page.goto("/login", { waitUntil: "networkidle" });
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

test("admin adds a unit → customer orders it → admin confirms and ships → customer confirms receipt", async ({ browser, request }) => {
  const stamp = Date.now().toString(36).toUpperCase();
  const model = `E2E-${stamp}`;
  const serialNumber = `SN-E2E-${stamp}`;

  // (1) The admin adds the unit with the inventory form.
  const admin = await signIn(browser, ADMIN);
  await admin.goto("/admin/devices/new");
  await ready(admin);
  await admin.getByLabel("Serial number").fill(serialNumber);
  await admin.getByLabel("Name").fill("Workflow Sensor");
  await admin.getByLabel("Type").fill("sensor");
  await admin.getByLabel("Model").fill(model);
  await admin.getByLabel("Price").fill("149.90");
  await admin.getByLabel("Description").fill("Made for the workflow test");
  await admin.getByRole("button", { name: "Add device" }).click();
  await expect(admin).toHaveURL(/\/admin\/devices\/\d+$/);
  const deviceUrl = admin.url();
  await expect(admin.getByText("Not held by any order.")).toBeVisible();

  // (1b) A new type and model is a draft product: the admin names it for the shop and publishes it.
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Products" }).click();
  await expect(admin).toHaveURL(/\/admin\/products$/);
  await admin.getByLabel("Search").fill(model);
  await admin.getByRole("button", { name: "Apply" }).click();
  const productRow = admin.getByTestId(`product-row-${model}`);
  await expect(productRow).toContainText("Draft");
  await productRow.getByRole("link", { name: "Workflow Sensor" }).click();
  await expect(admin).toHaveTitle(/Product Workflow Sensor/);
  await ready(admin);
  await admin.getByLabel("Name").fill("Workflow Sensor Pro");
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved Workflow Sensor Pro." })).toBeVisible();
  // A picture: previewed when chosen, then uploaded.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
  await admin.getByLabel("Add a picture").setInputFiles({ name: "sensor.png", mimeType: "image/png", buffer: png });
  await expect(admin.getByRole("img", { name: "Preview of the chosen picture" })).toBeVisible();
  await admin.getByRole("button", { name: "Upload picture" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Picture of Workflow Sensor Pro saved." })).toBeVisible();
  await expect(admin.getByRole("img", { name: "Picture of Workflow Sensor Pro" })).toBeVisible();
  await admin.getByRole("button", { name: "Publish" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "is now in the shop" })).toBeVisible();
  await expect(admin.getByTestId("product-state")).toHaveText("Published");

  // (2) A customer finds it in the shop, puts it in the cart and checks out.
  const customer = { email: `e2e-${stamp.toLowerCase()}@example.com`, password: "customer-password-1" };
  expect((await request.post("/api/auth/register", { data: { ...customer, name: "Erin Endtoend" } })).status()).toBe(201);
  const shop = await signIn(browser, customer);
  await shop.goto("/shop");
  await expect(shop.locator('[aria-label="Catalog"][data-hydrated]')).toBeVisible();
  const card = shop.getByTestId(`product-${model}`);
  await expect(card).toContainText("€149.90");
  await expect(card).toContainText("Only 1 left");
  await expect(card.getByRole("heading")).toHaveText("Workflow Sensor Pro");
  await expect(card.getByRole("img", { name: "Picture of Workflow Sensor Pro" })).toBeVisible();
  // The picture really loads (a broken image would have no natural width); it loads lazily, once scrolled to.
  await card.scrollIntoViewIfNeeded();
  await expect.poll(() => card.getByRole("img", { name: "Picture of Workflow Sensor Pro" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await card.getByRole("button", { name: `Add Workflow Sensor Pro (${model}) to cart` }).click();
  await expect(shop.getByTestId("cart-count")).toHaveText("1");
  await expect(shop.getByTestId("cart-total")).toHaveText("€149.90");
  await shop.getByLabel("Full name").fill("Erin Endtoend");
  await shop.getByLabel("Street and number").fill("7 Test Lane");
  await shop.getByLabel("Postal code").fill("1010");
  await shop.getByLabel("City").fill("Browserville");
  await shop.getByLabel("Country").fill("Austria");
  await shop.getByRole("button", { name: "Place order" }).click();
  const numberCell = shop.getByTestId("confirmation-order-number");
  await expect(numberCell).toHaveText(/^ORD-\d{4}-\d{6,}$/);
  const orderNumber = (await numberCell.textContent())!.trim();

  // (3) The admin confirms it on the board; the unit shows reserved.
  await admin.goto("/admin/orders?status=pending");
  const row = admin.getByTestId(`order-row-${orderNumber}`);
  // Orders name the product ("Workflow Sensor Pro"), not the unit ("Workflow Sensor").
  await expect(row).toContainText("1 × Workflow Sensor Pro");
  await row.getByRole("button", { name: "Confirm" }).click();
  await expect(row).toHaveCount(0); // it left the "pending" column
  await admin.goto("/admin/orders");
  await expect(admin.getByTestId(`order-row-${orderNumber}`).getByTestId("order-status")).toHaveAttribute("data-status", "confirmed");
  await admin.getByRole("link", { name: orderNumber }).click();
  await expect(admin.getByTestId("order-number")).toHaveText(orderNumber);
  await expect(admin.getByTestId(`item-${serialNumber}`).getByTestId("unit-status")).toHaveAttribute("data-status", "reserved");
  await expect(admin.getByTestId(`item-${serialNumber}`)).toContainText("Workflow Sensor Pro");
  // The unit's own page says which order holds it.
  const orderUrl = admin.url();
  await admin.goto(deviceUrl);
  await expect(admin.getByTestId("device-order")).toContainText(orderNumber);
  await expect(admin.getByTestId("device-status")).toHaveAttribute("data-status", "reserved");
  await admin.goto(orderUrl);

  // (4) Start processing, then ship with a tracking number: the unit shows sold.
  await admin.getByRole("button", { name: "Start processing" }).click();
  await expect(admin.getByTestId("order-status")).toHaveAttribute("data-status", "processing");
  await admin.getByRole("button", { name: "Ship" }).click();
  await admin.getByLabel("Carrier").fill("UPS");
  await admin.getByLabel("Tracking number").fill(`1Z-${stamp}`);
  await admin.getByRole("button", { name: "Create delivery" }).click();
  await expect(admin.getByTestId("order-status")).toHaveAttribute("data-status", "shipped");
  await expect(admin.getByTestId(`item-${serialNumber}`).getByTestId("unit-status")).toHaveAttribute("data-status", "sold");

  // …and the customer sees the tracking number under "My orders".
  await shop.goto("/orders");
  const mine = shop.getByTestId(`order-row-${orderNumber}`);
  await expect(mine).toContainText(`1Z-${stamp}`);
  await mine.getByRole("link", { name: orderNumber }).click();
  await expect(shop.getByTestId("tracking-number")).toHaveText(`1Z-${stamp}`);
  await expect(shop.getByTestId("order-status")).toHaveAttribute("data-status", "shipped");
  await expect(shop.getByTestId(`item-${serialNumber}`)).toContainText("Workflow Sensor Pro");

  // (5) The customer confirms receipt: the order shows delivered, with the step in its timeline.
  // UPS is a known carrier: the tracking number links to its tracking page.
  await expect(shop.getByRole("link", { name: /Track with UPS/ })).toHaveAttribute("href", `https://www.ups.com/track?tracknum=1Z-${stamp}`);
  await expect(shop.getByTestId("order-progress").locator("[data-done]")).toHaveCount(4); // placed, confirmed, packed, shipped
  await expect(shop.getByTestId("expected-delivery")).toBeVisible();
  // Confirming asks first; Cancel changes nothing.
  await shop.getByRole("button", { name: "Confirm receipt" }).click();
  const ask = shop.getByRole("dialog", { name: "Did your parcel arrive?" });
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(shop.getByTestId("delivery-status")).toHaveAttribute("data-status", "in_transit");
  await shop.getByRole("button", { name: "Confirm receipt" }).click();
  await ask.getByRole("button", { name: "Yes, I received it" }).click();
  await expect(shop.getByRole("status").filter({ hasText: "Thank you! Your receipt is confirmed." })).toBeVisible();
  await expect(shop.getByTestId("order-status")).toHaveAttribute("data-status", "delivered");
  await expect(shop.getByTestId("delivery-status")).toHaveAttribute("data-status", "delivered");
  await expect(shop.getByTestId("order-progress").locator("[data-done]")).toHaveCount(6);
  const timeline = shop.getByRole("list", { name: "Order timeline" });
  await expect(timeline).toContainText("Your parcel was delivered.");
  // Worded for the customer: no staff identity, no raw log lines.
  await expect(timeline).not.toContainText(ADMIN.email);
  await expect(timeline).not.toContainText("→");
  await expect(shop.getByRole("button", { name: "Confirm receipt" })).toHaveCount(0);
});

test("a customer sees no admin board and cannot open someone else's order", async ({ browser, request }) => {
  const stamp = Date.now().toString(36);
  const who = { email: `e2e-nosy-${stamp}@example.com`, password: "customer-password-1" };
  expect((await request.post("/api/auth/register", { data: { ...who, name: "Nosy Parker" } })).status()).toBe(201);
  const page = await signIn(browser, who);
  await page.goto("/admin/orders");
  await expect(page).not.toHaveURL(/\/admin\/orders/);
  const res = await page.goto("/orders/1");
  expect(res?.status()).toBe(404);
});
