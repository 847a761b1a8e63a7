import { expect, test } from "@playwright/test";
import { ADMIN, adminApi, adminOrdersApi, customerApi, ready, signIn, unique } from "./helpers";

/**
 * Reports as people use them: a customer with a device finds Reports in the navigation, sees the
 * empty state, makes this month's fleet report from the keyboard, is told it is ready, opens the
 * printable page and downloads the PDF. An admin makes the store report the same way.
 */
test("a customer makes a fleet report from the keyboard, reads it and downloads the PDF", async ({ page, request }) => {
  const admin = await adminApi(request);
  const model = unique("RPT");
  await admin.createDevice({ name: "Report Sensor", model });
  const customer = await customerApi(request);
  const order = await customer.placeOrder([{ type: "sensor", model, quantity: 1 }]);
  const orders = await adminOrdersApi(request);
  await orders.move(order.id, "confirmed");
  await orders.move(order.id, "processing");
  await orders.ship(order.id, unique("TRK"));

  await signIn(page, customer.email, customer.password);
  await expect(page).toHaveURL(/\/shop$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page).toHaveTitle(/Reports/);
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(page.getByTestId("reports-empty")).toBeVisible();
  await ready(page);

  // Keyboard only: from the month field, Tab to the button (a month field may hold several
  // stops: month, year), then Enter.
  await page.getByLabel("Month").focus();
  const button = page.getByRole("button", { name: "Generate now" });
  for (let i = 0; i < 4 && !(await button.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("app-toasts")).toContainText(/Fleet report \d{4}-\d{2} — Casey Customer is ready/, { timeout: 60_000 });
  const link = page.getByRole("link", { name: /^Fleet report \d{4}-\d{2} — Casey Customer$/ });
  await expect(link).toBeVisible();
  await expect(page.getByTestId("reports-empty")).toHaveCount(0);

  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: /Fleet report — / })).toBeVisible();
  await expect(page.getByRole("region", { name: /Fleet report/ })).toContainText("Report Sensor");
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^fleet-report-\d{4}-\d{2}-customer-\d+\.pdf$/);
});

test("an admin makes the store report and sees it listed", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin\/devices$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await ready(page);
  await expect(page.getByRole("combobox", { name: "Report" })).toHaveValue("store");
  await page.getByRole("button", { name: "Generate now" }).click();
  await expect(page.getByTestId("app-toasts")).toContainText(/Store report \d{4}-\d{2} is ready/, { timeout: 60_000 });
  await expect(page.getByRole("link", { name: /Store report \d{4}-\d{2}/ }).first()).toBeVisible();
});
