import { expect, test } from "@playwright/test";
import { ADMIN, adminApi, customerApi, fitsViewport, ready, signIn, unique } from "./helpers";

/** The main flows on a 390×844 phone. */
test("a customer on a phone: menu, add to cart, badge, cart one tap away, checkout, confirmation", async ({ page, request }) => {
  const admin = await adminApi(request);
  const model = unique("PH");
  const name = `Pocket Sensor ${model}`;
  await admin.createDevice({ name, model, price: "19.90", specifications: { note: "an-extremely-long-specification-value-without-spaces-".repeat(12) } });
  const customer = await customerApi(request);

  await signIn(page, customer.email, customer.password);
  await expect(page).toHaveURL(/\/shop$/);
  await expect(page.locator('[aria-label="Catalog"][data-hydrated]')).toBeVisible();
  expect(await fitsViewport(page)).toBe(true);

  // The header fits: the navigation is behind a Menu button, which opens and shows Sign out.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(nav.getByRole("link", { name: "My orders" })).toBeVisible();
  await expect(nav.getByRole("button", { name: "Sign out" })).toBeInViewport();
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(nav).toBeHidden();

  // Adding shows a toast and counts in the header badge.
  const cartLink = page.getByTestId("cart-link");
  await expect(cartLink).toHaveAccessibleName("Cart 0 items");
  await page.getByLabel("Search").fill(model);
  await page.getByRole("button", { name: `Add ${name} (${model}) to cart` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Added ${name} to your cart.` })).toBeVisible();
  await expect(cartLink).toHaveAccessibleName("Cart 1 item");
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  expect(await fitsViewport(page)).toBe(true);

  // One tap brings the cart into view.
  await cartLink.click();
  const cart = page.getByRole("complementary", { name: "Cart" });
  await expect(cart.getByRole("heading", { name: /Cart/ })).toBeInViewport();
  await expect(page.getByTestId("cart-total")).toHaveText("€19.90");

  // A missing address field is named beside the field; the order goes through once complete.
  await cart.getByLabel("Full name").fill("Pat Phone");
  await cart.getByLabel("Street and number").fill("5 Pocket Road");
  await cart.getByRole("button", { name: "Place order" }).click();
  await expect(cart.getByLabel("Postal code")).toHaveAttribute("aria-invalid", "true");
  await expect(cart.getByText("Enter the postal code.")).toBeVisible();
  await expect(cart.getByLabel("Postal code")).toBeFocused();
  await cart.getByLabel("Postal code").fill("1010");
  await cart.getByLabel("City").fill("Vienna");
  await cart.getByLabel("Country").fill("Austria");
  await cart.getByRole("button", { name: "Place order" }).click();

  await expect(page.getByTestId("confirmation-order-number")).toHaveText(/^ORD-/);
  await expect(page.getByRole("list", { name: "Items" })).toContainText(name);
  await expect(page.getByText("Pat Phone, 5 Pocket Road, 1010 Vienna, Austria")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("0");
  expect(await fitsViewport(page)).toBe(true);
  await page.screenshot({ path: "test-results/screenshots/mobile/flow-confirmation.png", fullPage: true });
  await page.getByRole("link", { name: "Continue shopping" }).click();
  await expect(page).toHaveURL(/\/shop$/);
});

test("an admin on a phone: the board fits and an order is confirmed from its card; a long spec wraps", async ({ page, request }) => {
  const admin = await adminApi(request);
  const model = unique("PB");
  const device = await admin.createDevice({ name: "Board Sensor", model, specifications: { firmware: "v".repeat(600) } });
  const customer = await customerApi(request);
  const order = await customer.placeOrder([{ type: "sensor", model, quantity: 1 }]);

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin\/devices$/);
  expect(await fitsViewport(page)).toBe(true);
  await page.goto(`/admin/devices/${device.id}`);
  await expect(page.getByTestId("device-specifications")).toContainText("vvvv");
  expect(await fitsViewport(page)).toBe(true);

  await page.goto(`/admin/orders?q=${order.orderNumber}`);
  await ready(page);
  const row = page.getByTestId(`order-row-${order.orderNumber}`);
  await expect(row).toContainText("1 × Board Sensor");
  await expect(row).toContainText("1 Long Street, 1010 Vienna");
  expect(await fitsViewport(page)).toBe(true);
  await page.screenshot({ path: "test-results/screenshots/mobile/flow-board.png", fullPage: true });
  await row.getByRole("button", { name: `Confirm ${order.orderNumber}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Order ${order.orderNumber} confirmed.` })).toBeVisible();
  await expect(row.getByTestId("order-status")).toHaveAttribute("data-status", "confirmed");
});
