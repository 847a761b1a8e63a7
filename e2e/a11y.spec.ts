import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Cookie, type Page } from "@playwright/test";
import { ADMIN, adminApi, adminOrdersApi, customerApi, fitsViewport, signIn, unique } from "./helpers";

/**
 * Every page of the console, in the light and the dark theme, at the project's viewport:
 * axe finds no violation of moderate impact or worse, nothing scrolls sideways, and a
 * screenshot of each is kept in test-results/screenshots/<project>/ for a person to look at.
 *
 * One test per page, so a failure names its page and each page has the whole per-test budget
 * (a busy 2-core machine needs about 12 s a page at the phone's pixel density). The data and
 * the two sessions are made once per project.
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

interface Fixture {
  deviceId: number;
  productId: number;
  orderId: number;
  reportId: number;
  adminCookies: Cookie[];
  customerCookies: Cookie[];
}
let fixture: Fixture;

/** Signs in in a throwaway context, checks where the role lands, and keeps the session cookies. */
async function sessionCookies(browser: Browser, email: string, password: string, landing: RegExp): Promise<Cookie[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  await expect(page).toHaveURL(landing);
  const cookies = await context.cookies();
  await context.close();
  return cookies;
}

test.beforeAll(async ({ browser, playwright }, info) => {
  test.setTimeout(180_000);
  const request = await playwright.request.newContext({ baseURL: info.project.use.baseURL });
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
  const report = await customer.generateFleetReport();
  await request.dispose();
  fixture = {
    deviceId: device.id,
    productId: device.productId,
    orderId: order.id,
    reportId: report.id,
    adminCookies: await sessionCookies(browser, ADMIN.email, ADMIN.password, /\/admin\/devices$/),
    customerCookies: await sessionCookies(browser, customer.email, customer.password, /\/shop$/),
  };
});

type PagePath = (f: Fixture) => string;
const pages: { who: "admin" | "customer" | "nobody"; name: string; path: PagePath }[] = [
  { who: "admin", name: "inventory", path: () => "/admin/devices" },
  { who: "admin", name: "device", path: (f) => `/admin/devices/${f.deviceId}` },
  { who: "admin", name: "device-config", path: (f) => `/admin/devices/${f.deviceId}/config` },
  { who: "admin", name: "device-new", path: () => "/admin/devices/new" },
  { who: "admin", name: "device-import", path: () => "/admin/devices/import" },
  { who: "admin", name: "products", path: () => "/admin/products" },
  { who: "admin", name: "product", path: (f) => `/admin/products/${f.productId}` },
  { who: "admin", name: "orders-board", path: () => "/admin/orders" },
  { who: "admin", name: "orders-shipped", path: () => "/admin/orders?status=shipped" },
  { who: "admin", name: "order-admin", path: (f) => `/admin/orders/${f.orderId}` },
  { who: "admin", name: "packing-slips", path: (f) => `/admin/orders/packing-slips?ids=${f.orderId}` },
  { who: "admin", name: "deliveries", path: () => "/admin/deliveries" },
  { who: "admin", name: "reports-admin", path: () => "/reports" },
  { who: "admin", name: "not-found", path: () => "/admin/devices/999999" },
  { who: "customer", name: "reports", path: () => "/reports" },
  { who: "customer", name: "report", path: (f) => `/reports/${f.reportId}` },
  { who: "customer", name: "shop", path: () => "/shop" },
  { who: "customer", name: "my-orders", path: () => "/orders" },
  { who: "customer", name: "order-customer", path: (f) => `/orders/${f.orderId}` },
  { who: "customer", name: "confirmation", path: (f) => `/shop/confirmation/${f.orderId}` },
  { who: "nobody", name: "login", path: () => "/login" },
];

for (const { who, name, path } of pages) {
  test(`${who === "nobody" ? "signed out" : `as ${who}`}: ${name} passes axe in both themes and fits the screen`, async ({ page }, info) => {
    if (who !== "nobody") await page.context().addCookies(who === "admin" ? fixture.adminCookies : fixture.customerCookies);
    await page.goto(path(fixture));
    await expect(page.locator("main h1").first()).toBeVisible();
    await check(page, name, info.project.name);
  });
}
