import { expect, test, type BrowserContext, type Route } from "@playwright/test";
import { signIn, unique } from "./helpers";

// context.setOffline() has not always reached a service worker's own fetches
// (microsoft/playwright#2311); aborting the worker's routed requests makes "offline" certain.
const offlineRoute = (route: Route) => (route.request().serviceWorker() ? route.abort("internetdisconnected") : route.continue());
async function setOffline(context: BrowserContext, offline: boolean) {
  await context.setOffline(offline);
  if (offline) await context.route("**", offlineRoute);
  else await context.unroute("**", offlineRoute);
}

test("the app is installable: a manifest with icons, and a service worker that takes control", async ({ page, request }) => {
  const res = await request.get("/manifest.webmanifest");
  expect(res.status()).toBe(200);
  const manifest = await res.json();
  expect(manifest).toMatchObject({ name: "Device Store Console", start_url: "/", display: "standalone" });
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of manifest.icons) {
    const image = await request.get(icon.src);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
  }

  await page.goto("/login");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(new URL("/", page.url()).href);
});

test("offline, a reload shows the last state seen, marked as such; signing out forgets it", async ({ page, context, request }) => {
  const email = `${unique("pwa").toLowerCase()}@example.com`;
  expect((await request.post("/api/auth/register", { data: { email, password: "customer-password-1", name: "Pat Phone" } })).status()).toBe(201);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, email, "customer-password-1");
  await expect(page).toHaveURL(/\/shop$/);
  await page.evaluate(async () => navigator.serviceWorker.ready);
  // The first load registered the worker; from this load on, it serves and keeps the page.
  await page.goto("/orders");
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: /orders/i }).first()).toBeVisible();

  await setOffline(context, true);
  await page.reload();
  await expect(page.getByTestId("offline-banner")).toContainText(/You are offline\. This is the last state seen, saved /);
  await expect(page.getByTestId("current-user")).toContainText("Pat Phone");
  await expect(page.getByRole("heading", { name: /orders/i }).first()).toBeVisible();

  // A page never opened before: the offline page, not the browser's error.
  await page.goto("/shop/confirmation/999999").catch(() => undefined);
  await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();

  await setOffline(context, false);
  await page.goto("/orders");
  await expect(page.getByTestId("offline-banner")).toHaveCount(0);
  // On a phone the account controls sit in the menu; sign out from the wide layout.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  const kept = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("pages-") || k.startsWith("data-")));
  for (const name of kept) {
    const entries = await page.evaluate(async (n) => (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname), name);
    expect(entries).not.toContain("/orders");
  }
});
