import { expect, test } from "@playwright/test";
import { adminApi, ready, signIn, unique } from "./helpers";

test("a customer registers, signs in, sees only in-stock devices and is kept out of admin pages", async ({ page, request }) => {
  const admin = await adminApi(request);
  const available = await admin.createDevice({ name: `Catalog Sensor ${unique("A")}`, model: unique("CAT") });
  const hidden = await admin.createDevice({ name: `Workshop Sensor ${unique("B")}`, model: unique("WS") });
  await admin.setStatus(hidden.id, "maintenance", "bench test");

  const email = `${unique("shopper").toLowerCase()}@example.com`;
  const password = "shopper-password-1";
  await page.goto("/register");
  await ready(page);
  await page.getByLabel("Name").fill("Sam Shopper");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/shop$/);
  await expect(page.getByTestId("current-user")).toHaveText("Sam Shopper · Customer");

  // Sign out and back in with the new account.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/shop$/);

  // The catalog lists products (type + model) with what is in stock; the unit in maintenance is not for sale.
  const catalog = page.getByRole("region", { name: "Catalog" });
  await expect(catalog.getByTestId(`product-${available.model}`)).toContainText(available.name);
  await expect(catalog.getByTestId(`product-${available.model}`)).toContainText("Only 1 left");
  await expect(catalog.getByTestId(`product-${hidden.model}`)).toHaveCount(0);
  await expect(catalog.getByText(hidden.name)).toHaveCount(0);

  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Shop" })).toBeVisible();
  for (const adminLink of ["Inventory", "Orders", "Deliveries"]) {
    await expect(nav.getByRole("link", { name: adminLink, exact: true })).toHaveCount(0);
  }

  for (const path of ["/admin/devices", "/admin/devices/new", "/admin/devices/import", `/admin/devices/${hidden.id}`]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/shop$/);
    await expect(page.getByRole("heading", { name: "Shop" })).toBeVisible();
  }
});
