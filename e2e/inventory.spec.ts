import { expect, test } from "@playwright/test";
import { ADMIN, adminApi, orderUnitDirectly, ready, signIn, unique } from "./helpers";

test.describe("admin inventory", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/admin\/devices$/);
    await expect(page.getByRole("heading", { name: "Inventory" })).toBeVisible();
  });

  test("adds a device, edits it, changes its status with a reason and sees it in the history", async ({ page }) => {
    const serial = unique("E2E");
    // Markup in a name must show as text, never run.
    const name = `Probe <img src=x onerror="window.__xss=1"> ${serial}`;
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });

    await page.getByRole("link", { name: "Add device" }).click();
    await ready(page);
    await page.getByLabel("Serial number").fill(serial);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Type").fill("sensor");
    await page.getByLabel("Model").fill("E2E-100");
    await page.getByLabel("Price").fill("-5");
    await page.getByRole("button", { name: "Add device" }).click();

    // The API's field message appears beside the price and is tied to its input.
    const price = page.getByLabel("Price");
    await expect(price).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(/must be a non-negative amount/)).toBeVisible();
    await expect(price).toBeFocused();

    await price.fill("49.90");
    await page.getByRole("button", { name: "Add device" }).click();
    await expect(page).toHaveURL(/\/admin\/devices\/\d+$/);
    await expect(page.getByTestId("device-name")).toHaveText(name);
    await expect(page.getByTestId("device-price")).toHaveText("49.90");
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Price").fill("59.90");
    await page.getByLabel("Description").fill("Outdoor unit, <b>not bold</b>");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("device-price")).toHaveText("59.90");
    await expect(page.getByTestId("device-description")).toHaveText("Outdoor unit, <b>not bold</b>");

    // Only the states the manual lifecycle allows from in stock are offered.
    const select = page.getByLabel("New status");
    await expect(select.locator("option")).toHaveText(["Maintenance", "Defective"]);
    await select.selectOption("maintenance");
    await page.getByLabel("Reason").fill("Firmware update before shipping");
    await page.getByRole("button", { name: "Change status" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Status changed to Maintenance." })).toBeVisible();

    const history = page.getByTestId("audit-history");
    await expect(history.getByRole("row")).toHaveCount(4); // header + created, updated, status change
    const change = history.getByRole("row").filter({ hasText: "Firmware update before shipping" });
    await expect(change).toContainText("Status changed");
    await expect(change).toContainText(ADMIN.email);
    await expect(change.locator("[data-status=in_stock]")).toBeVisible();
    await expect(change.locator("[data-status=maintenance]")).toBeVisible();
    await expect(history.getByRole("row").filter({ hasText: "Updated" })).toContainText("price");
    await expect(page.locator("h1 + [data-status]")).toHaveText("Maintenance");

    // The list finds it by serial, with its status badge; the URL carries the filter.
    await page.getByRole("link", { name: "← Inventory" }).click();
    await page.getByLabel("Search").fill(serial);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${serial}`));
    await expect(page.getByTestId("device-total")).toHaveText("1 device match");
    const row = page.getByRole("row").filter({ hasText: serial });
    await expect(row.locator("[data-status=maintenance]")).toHaveText("Maintenance");
    expect(dialogs).toBe(0);
  });

  test("deletes a unit after confirming, and shows the empty state for a search that finds nothing", async ({ page }) => {
    const serial = unique("DEL");
    await page.getByRole("link", { name: "Add device" }).click();
    await ready(page);
    await page.getByLabel("Serial number").fill(serial);
    await page.getByLabel("Name").fill("Short-lived");
    await page.getByLabel("Type").fill("sensor");
    await page.getByLabel("Model").fill("E2E-1");
    await page.getByLabel("Price").fill("1");
    await page.getByRole("button", { name: "Add device" }).click();
    await expect(page.getByTestId("device-serial")).toHaveText(serial);

    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${serial}?` });
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await page.getByRole("button", { name: "Delete" }).click();
    await dialog.getByRole("button", { name: "Delete unit" }).click();
    await expect(page).toHaveURL(/\/admin\/devices$/);

    await page.goto(`/admin/devices?q=${serial}`);
    await expect(page.getByTestId("empty-state")).toContainText("No devices match these filters.");
    await expect(page.getByTestId("device-total")).toHaveText("0 devices match");
  });

  test("imports a CSV: the dry run lists per-row errors, the corrected file applies", async ({ page }) => {
    const [a, b] = [unique("CSV"), unique("CSV")];
    const header = "serialNumber,name,type,model,price";
    await page.getByRole("link", { name: "Import CSV" }).click();
    await ready(page);
    const textarea = page.getByLabel("…or paste CSV");
    await textarea.fill(`${header}\n${a},Imported A,sensor,CSV-1,10.00\n${b},Imported B,sensor,CSV-1,-3`);
    await page.getByRole("button", { name: "Check (dry run)" }).click();
    const errors = page.getByTestId("import-errors");
    await expect(errors.getByRole("row").filter({ hasText: "price" })).toContainText("3");
    await expect(page.getByRole("button", { name: "Apply import" })).toBeDisabled();

    await textarea.fill(`${header}\n${a},Imported A,sensor,CSV-1,10.00\n${b},Imported B,sensor,CSV-1,3`);
    await page.getByRole("button", { name: "Check (dry run)" }).click();
    await expect(page.getByTestId("import-report")).toContainText("2 rows: Would add 2");
    await page.getByRole("button", { name: "Apply import" }).click();
    await expect(page.getByTestId("import-report")).toContainText("2 rows: Added 2");

    await page.goto(`/admin/devices?q=${a}`);
    await expect(page.getByRole("row").filter({ hasText: a })).toContainText("Imported A");
  });

  test("sorts by a column and pages with next/previous, keeping the state in the URL", async ({ page }) => {
    await page.goto("/admin/devices?status=in_stock");
    await page.getByRole("link", { name: /^Price/ }).click();
    await expect(page).toHaveURL(/sort=-price/);
    await expect(page.getByRole("columnheader", { name: /Price/ })).toHaveAttribute("aria-sort", "descending");
    await page.getByRole("link", { name: /^Price/ }).click();
    await expect(page).toHaveURL(/sort=price/);
    await expect(page.getByRole("columnheader", { name: /Price/ })).toHaveAttribute("aria-sort", "ascending");
    await expect(page.getByLabel("Status")).toHaveValue("in_stock");

    const firstSerial = await page.locator("tbody tr").first().locator("td").first().innerText();
    await page.getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(page.getByText("Page 2")).toBeVisible();
    await expect(page.locator("tbody tr").first().locator("td").first()).not.toHaveText(firstSerial);
    // The page is a link: opening it afresh shows the same rows.
    const secondPageUrl = page.url();
    const secondFirst = await page.locator("tbody tr").first().locator("td").first().innerText();
    await page.goto(secondPageUrl);
    await expect(page.locator("tbody tr").first().locator("td").first()).toHaveText(secondFirst);

    await page.getByRole("link", { name: "← Previous" }).click();
    await expect(page.getByText("Page 1")).toBeVisible();
    await expect(page.locator("tbody tr").first().locator("td").first()).toHaveText(firstSerial);
    await expect(page.locator("tbody [data-status]").first()).toHaveText("In stock");

    // A stale or hand-edited link still shows the list, and says what it ignored.
    for (const link of ["/admin/devices?cursor=garbage", "/admin/devices?status=lost&sort=password"]) {
      await page.goto(link);
      await expect(page.getByRole("status").filter({ hasText: "not understood and was ignored" })).toBeVisible();
      await expect(page.getByText("Page 1")).toBeVisible();
      await expect(page.locator("tbody tr").first()).toBeVisible();
    }
  });

  test("shows the API's refusals: a status change overtaken by another admin, and deleting an ordered unit", async ({ page, request }) => {
    const admin = await adminApi(request);
    const device = await admin.createDevice({ name: `Contested ${unique("C")}` });
    await page.goto(`/admin/devices/${device.id}`);
    await ready(page);
    // Someone else moves the unit while this page is open.
    await admin.setStatus(device.id, "maintenance", "sent to the workshop");
    await page.getByLabel("New status").selectOption("maintenance");
    await page.getByLabel("Reason").fill("scheduled check");
    await page.getByRole("button", { name: "Change status" }).click();
    await expect(page.locator("form [role=alert]")).toContainText("cannot go from maintenance to maintenance");
    await expect(page.locator("form [role=alert]")).toContainText("allowed next: in_stock");
    // The page catches up with the unit's real status and offers the moves from there.
    await expect(page.locator("h1 + [data-status]")).toHaveText("Maintenance");
    await expect(page.getByLabel("New status").locator("option")).toHaveText(["In stock", "Defective"]);

    await orderUnitDirectly(device.id);
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Delete unit" }).click();
    await expect(dialog.getByRole("alert")).toContainText("has been ordered and cannot be deleted");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.reload();
    await expect(page.getByTestId("device-serial")).toHaveText(device.serialNumber);
  });

  test("exports the filtered list as a CSV download", async ({ page }) => {
    await page.goto("/admin/devices?status=in_stock&type=gateway");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^devices-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await (await file.createReadStream()).toArray();
    const lines = Buffer.concat(text).toString("utf8").trim().split("\r\n");
    expect(lines[0]).toBe("id,serialNumber,name,type,model,description,price,status,specifications,createdAt,updatedAt");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toContain(",gateway,");
    for (const line of lines.slice(1)) expect(line).toContain(",in_stock,");
  });
});
