import { expect, test } from "@playwright/test";
import { ADMIN, adminApi, adminOrdersApi, customerApi, orderUnitDirectly, ready, signIn, unique } from "./helpers";

test.describe("console feedback and fulfilment (desktop)", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/admin\/devices$/);
  });

  test("a missing device answers 404 inside the shell, with navigation and a way back", async ({ page }) => {
    const res = await page.goto("/admin/devices/999999");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" })).toBeVisible();
    await expect(page).toHaveTitle(/Page not found/);
    await page.getByRole("link", { name: "Back to the inventory" }).click();
    await expect(page).toHaveURL(/\/admin\/devices$/);
    await expect(page).toHaveTitle("Inventory · Device Store");

    const unknown = await page.goto("/no-such-page");
    expect(unknown?.status()).toBe(404);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  });

  test("skip link, favicon and a duplicate serial marked on its field", async ({ page, request }) => {
    const existing = await (await adminApi(request)).createDevice({ name: "Original" });
    await page.goto("/admin/orders");
    await ready(page);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
    expect((await request.get("/icon.svg")).status()).toBe(200);
    await page.goto("/admin/devices/new");
    await ready(page);

    await page.getByLabel("Serial number").fill(existing.serialNumber);
    await page.getByLabel("Name").fill("Copy");
    await page.getByLabel("Type").fill("sensor");
    await page.getByLabel("Model").fill("E2E-1");
    await page.getByLabel("Price").fill("5");
    await page.getByRole("button", { name: "Add device" }).click();
    const serial = page.getByLabel("Serial number");
    await expect(serial).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("This serial number is already used by another unit.")).toHaveCount(1);
    await expect(serial).toBeFocused();
  });

  test("Delete is not offered on a unit that was ever ordered; deleting asks first and confirms with a toast", async ({ page, request }) => {
    const admin = await adminApi(request);
    const ordered = await admin.createDevice({ name: "Ordered once" });
    await orderUnitDirectly(ordered.id);
    await page.goto(`/admin/devices/${ordered.id}`);
    await expect(page.getByTestId("device-serial")).toHaveText(ordered.serialNumber);
    await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);

    const spare = await admin.createDevice({ name: "Spare" });
    await page.goto(`/admin/devices/${spare.id}`);
    await page.getByRole("button", { name: `Delete ${spare.serialNumber}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete unit" }).click();
    await expect(page).toHaveURL(/\/admin\/devices$/);
    await expect(page.getByRole("status").filter({ hasText: `Deleted ${spare.serialNumber}.` })).toBeVisible();
  });

  test("a product with units offers no Delete; one without asks first, then leaves the list", async ({ page, request }) => {
    const admin = await adminApi(request);
    const kept = await admin.createDevice({ name: "Kept Product", model: unique("E2E-KEEP"), publish: false });
    await page.goto(`/admin/products/${kept.productId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kept Product");
    await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);

    const model = unique("E2E-GONE");
    const unit = await admin.createDevice({ name: "Gone Product", model, publish: false });
    const { token } = await (await request.post("/api/auth/token", { data: ADMIN })).json();
    expect((await request.delete(`/api/devices/${unit.id}`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(204);
    await page.goto(`/admin/products/${unit.productId}`);
    await ready(page);
    await page.getByRole("button", { name: "Delete Gone Product" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete Gone Product?" });
    // Cancel (focused first) keeps it.
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    await page.getByRole("button", { name: "Delete Gone Product" }).click();
    await dialog.getByRole("button", { name: "Delete product" }).click();
    await expect(page).toHaveURL(/\/admin\/products$/);
    await expect(page.getByRole("status").filter({ hasText: "Deleted Gone Product." })).toBeVisible();
    await page.goto(`/admin/products?q=${model}`);
    await expect(page.getByTestId("empty-state")).toBeVisible();
  });

  test("the products list pages 25 at a time, forward and back", async ({ page, request }) => {
    const admin = await adminApi(request);
    const tag = unique("E2E-PAGE");
    for (let i = 0; i < 26; i++) await admin.createDevice({ name: `Paged ${tag} ${String(i).padStart(2, "0")}`, model: `${tag}-${i}`, publish: false });
    await page.goto(`/admin/products?q=${tag}`);
    await expect(page.getByTestId("product-total")).toHaveText("26 products match");
    const rows = page.getByRole("region", { name: "Products table" }).locator("tbody tr");
    await expect(rows).toHaveCount(25);
    const pager = page.getByRole("navigation", { name: "Pagination" });
    await expect(pager).toContainText("Page 1");
    await pager.getByRole("link", { name: "Next →" }).click();
    await expect(pager).toContainText("Page 2");
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(`Paged ${tag} 25`);
    await expect(pager.getByRole("link", { name: "Next →" })).toHaveCount(0);
    await pager.getByRole("link", { name: "← Previous" }).click();
    await expect(pager).toContainText("Page 1");
    await expect(rows.first()).toContainText(`Paged ${tag} 00`);
  });

  test("configuration versions with a diff, and a token shown once, rotated and revoked after confirmation", async ({ page, request, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const device = await (await adminApi(request)).createDevice({ name: "Configurable" });
    await page.goto(`/admin/devices/${device.id}`);
    await page.getByRole("link", { name: "Configuration & credentials" }).click();
    await expect(page).toHaveTitle(new RegExp(`Configuration · ${device.serialNumber}`));
    await ready(page);

    await page.getByLabel("Reporting interval (seconds)").fill("0");
    await page.getByRole("button", { name: "Save configuration" }).click();
    await expect(page.getByText("Enter a whole number of seconds from 1 to 86400.")).toBeVisible();
    await page.getByLabel("Reporting interval (seconds)").fill("30");
    await page.getByRole("button", { name: "Save configuration" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Configuration saved as version 1." })).toBeVisible();

    await page.getByLabel("Reporting interval (seconds)").fill("120");
    await page.getByRole("checkbox", { name: "Humidity (%)" }).uncheck();
    await page.locator("[name=temperature-max]").fill("45");
    await page.getByRole("button", { name: "Save configuration" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Configuration saved as version 2." })).toBeVisible();
    const diff = page.getByTestId("config-diff");
    await expect(diff.getByRole("row", { name: /reportingIntervalSec/ })).toContainText("30");
    await expect(diff.getByRole("row", { name: /reportingIntervalSec/ })).toContainText("120");
    await expect(diff.getByRole("row", { name: /thresholds.temperature.max/ })).toContainText("45");
    await expect(diff.getByRole("row", { name: /^metrics/ })).toContainText("humidity");

    await page.getByRole("button", { name: "Issue token" }).click();
    const shown = page.getByTestId("new-token");
    await expect(shown).toContainText("shown only once");
    const token = await shown.getByRole("textbox", { name: "Device token" }).inputValue();
    expect(token).toMatch(/^dvt_/);
    await shown.getByRole("button", { name: "Copy token" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Token copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await expect(page.getByTestId("credential-state")).toContainText(token.slice(0, 12));

    // After a reload the token is gone for good; only its prefix remains.
    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    await expect(page.getByText(token)).toHaveCount(0);

    await page.getByRole("button", { name: "Revoke token" }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke the token of ${device.serialNumber}?` });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("credential-state")).toContainText("Active token");
    await page.getByRole("button", { name: "Revoke token" }).click();
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByTestId("credential-state")).toHaveText("No active token: the device cannot send data.");
    const ingest = await request.post("/api/ingest", { headers: { authorization: `Bearer ${token}` }, data: {} });
    expect(ingest.status()).toBe(401);
  });

  test("the board opens on what needs doing; bulk confirm, process, and ship with one tracking number each", async ({ page, request }) => {
    const admin = await adminApi(request);
    const model = unique("BQ");
    for (let i = 0; i < 2; i++) await admin.createDevice({ name: "Bulk Sensor", model });
    const customer = await customerApi(request);
    const a = await customer.placeOrder([{ type: "sensor", model, quantity: 1 }]);
    const b = await customer.placeOrder([{ type: "sensor", model, quantity: 1 }]);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
    await expect(page.getByRole("link", { name: /To do/ })).toHaveAttribute("aria-current", "page");
    await page.getByLabel("Search orders").fill(customer.email);
    await page.getByRole("button", { name: "Search" }).click();
    await ready(page);
    const rows = [a, b].map((o) => page.getByTestId(`order-row-${o.orderNumber}`));
    for (const row of rows) {
      await expect(row).toContainText("1 × Bulk Sensor");
      await expect(row).toContainText("Ship to Casey Customer, 1 Long Street");
    }

    await page.getByRole("checkbox", { name: "Select all" }).check();
    await expect(page.getByTestId("selected-count")).toHaveText("2 selected");
    await page.getByRole("button", { name: "Confirm selected" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Confirmed 2 orders." })).toBeVisible();
    for (const row of rows) await expect(row.getByTestId("order-status")).toHaveAttribute("data-status", "confirmed");

    await page.getByRole("checkbox", { name: "Select all" }).check();
    await page.getByRole("button", { name: "Start processing selected" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Started processing 2 orders." })).toBeVisible();
    for (const row of rows) await expect(row.getByTestId("order-status")).toHaveAttribute("data-status", "processing");

    await page.getByRole("checkbox", { name: "Select all" }).check();
    await page.getByRole("button", { name: "Ship selected…" }).click();
    const dialog = page.getByRole("dialog", { name: "Ship 2 orders" });
    await dialog.getByLabel(`Tracking number for ${a.orderNumber}`).fill(`TA-${a.orderNumber}`);
    await dialog.getByRole("button", { name: "Ship 2 orders" }).click();
    await expect(dialog.getByText("Enter the tracking number.")).toBeVisible();
    await dialog.getByLabel(`Tracking number for ${b.orderNumber}`).fill(`TB-${b.orderNumber}`);
    await dialog.getByRole("button", { name: "Ship 2 orders" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Shipped 2 orders." })).toBeVisible();
    // Shipped orders leave the to-do view.
    for (const row of rows) await expect(row).toHaveCount(0);

    await page.goto(`/admin/orders?status=shipped&q=${customer.email}`);
    await expect(page.getByTestId(`order-row-${a.orderNumber}`)).toContainText(`TA-${a.orderNumber}`);
    await expect(page.getByTestId(`order-row-${b.orderNumber}`)).toContainText(`TB-${b.orderNumber}`);

    await page.goto(`/admin/orders/packing-slips?ids=${a.id},${b.id}`);
    await expect(page.getByRole("article")).toHaveCount(2);
    await expect(page.getByRole("article", { name: `Packing slip ${a.orderNumber}` })).toContainText("Bulk Sensor");
  });

  test("deliveries offer only possible actions; marking returned asks first", async ({ page, request }) => {
    const admin = await adminApi(request);
    const model = unique("DV");
    await admin.createDevice({ name: "Parcel Sensor", model });
    const customer = await customerApi(request);
    const order = await customer.placeOrder([{ type: "sensor", model, quantity: 1 }]);
    const ops = await adminOrdersApi(request);
    await ops.move(order.id, "confirmed");
    await ops.move(order.id, "processing");
    const tracking = unique("TRK");
    await ops.ship(order.id, tracking);

    await page.goto("/admin/deliveries");
    await ready(page);
    const row = page.getByTestId(`delivery-row-${tracking}`);
    // A new parcel is in transit: the next moves are buttons, and no form shows until asked for.
    await expect(row.getByTestId("delivery-status")).toHaveAttribute("data-status", "in_transit");
    await expect(row.getByRole("form")).toHaveCount(0);
    await row.getByRole("button", { name: `Mark out for delivery: ${tracking}` }).click();
    await expect(page.getByRole("status").filter({ hasText: `${tracking} is now out for delivery.` })).toBeVisible();
    await expect(row.getByTestId("delivery-status")).toHaveAttribute("data-status", "out_for_delivery");
    await row.getByRole("button", { name: `Report an issue with ${tracking}` }).click();
    await row.getByLabel("What happened").selectOption("returned");
    await row.getByLabel("Details").fill("Refused at the door");
    await row.getByRole("button", { name: "Mark returned" }).click();
    const dialog = page.getByRole("dialog", { name: `Mark ${tracking} returned?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Mark returned" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Parcel marked returned" })).toBeVisible();
    await expect(row.getByTestId("delivery-status")).toHaveAttribute("data-status", "returned");
    await expect(row.getByRole("button")).toHaveCount(0);
  });
});
