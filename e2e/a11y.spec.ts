import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, adminApi, adminOrdersApi, customerApi, fitsViewport, signIn, unique } from "./helpers";

/**
 * Every page of the console, in the light and the dark theme, at the project's viewport:
 * axe finds no violation of moderate impact or worse, nothing scrolls sideways, and a
 * screenshot of each is kept in test-results/screenshots/<project>/ for a person to look at.
 */
async function check(page: Page, name: string, project: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForLoadState("load");
    // Hydrated: client components (header, toasts) have rendered their final markup.
    await page.waitForFunction(() => {
      const el = document.querySelector("header button, main button, main form");
      return !el || Object.keys(el).some((k) => k.startsWith("__reactFiber"));
    });
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const bad = results.violations.filter((v) => ["moderate", "serious", "critical"].includes(v.impact ?? ""));
    expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`), `${name} in ${scheme}`).toEqual([]);
    expect(await fitsViewport(page), `${name} in ${scheme} fits the screen`).toBe(true);
    await page.screenshot({ path: `test-results/screenshots/${project}/${name}-${scheme}.png`, fullPage: true });
  }
}

test("every admin and customer page passes axe in both themes and fits the screen", async ({ page, request, browser }, info) => {
  test.setTimeout(240_000);
  const project = info.project.name;
  const admin = await adminApi(request);
  const model = unique("AX");
  const longSpec = "x".repeat(400);
  const device = await admin.createDevice({ name: "Accessible Sensor", model, specifications: { firmware: longSpec, note: "a-very-long-unbroken-value-".repeat(20) } });
  await admin.createDevice({ name: "Accessible Sensor", model });
  const customer = await customerApi(request);
  const order = await customer.placeOrder([{ type: "sensor", model, quantity: 1 }]);
  const orders = await adminOrdersApi(request);
  await orders.move(order.id, "confirmed");
  await orders.move(order.id, "processing");
  await orders.ship(order.id, unique("TRK"));

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin\/devices$/);
  const adminPages: [string, string][] = [
    ["inventory", "/admin/devices"],
    ["device", `/admin/devices/${device.id}`],
    ["device-config", `/admin/devices/${device.id}/config`],
    ["device-new", "/admin/devices/new"],
    ["device-import", "/admin/devices/import"],
    ["products", "/admin/products"],
    ["product", `/admin/products/${device.productId}`],
    ["orders-board", "/admin/orders"],
    ["orders-shipped", "/admin/orders?status=shipped"],
    ["order-admin", `/admin/orders/${order.id}`],
    ["packing-slips", `/admin/orders/packing-slips?ids=${order.id}`],
    ["deliveries", "/admin/deliveries"],
    ["reports-admin", "/reports"],
    ["not-found", "/admin/devices/999999"],
  ];
  for (const [name, path] of adminPages) {
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible();
    await check(page, name, project);
  }

  const shopper = await (await browser.newContext({ viewport: page.viewportSize()!, isMobile: project === "mobile", hasTouch: project === "mobile" })).newPage();
  await signIn(shopper, customer.email, customer.password);
  await expect(shopper).toHaveURL(/\/shop$/);
  const report = await customer.generateFleetReport();
  const customerPages: [string, string][] = [
    ["reports", "/reports"],
    ["report", `/reports/${report.id}`],
    ["shop", "/shop"],
    ["my-orders", "/orders"],
    ["order-customer", `/orders/${order.id}`],
    ["confirmation", `/shop/confirmation/${order.id}`],
  ];
  for (const [name, path] of customerPages) {
    await shopper.goto(path);
    await expect(shopper.locator("main h1").first()).toBeVisible();
    await check(shopper, name, project);
  }
  await shopper.goto("/login");
  await shopper.context().clearCookies();
  await shopper.goto("/login");
  await check(shopper, "login", project);
});
