import { chromium, expect, test } from "@playwright/test";
import lighthouse from "lighthouse";
import { signIn, unique } from "./helpers";

/**
 * Lighthouse's PWA category (installable manifest, splash screen, themed address bar, content
 * width, viewport, maskable icon) on the shop and on a customer's "My devices". Lighthouse 11 is
 * the last release with that category (12 dropped it); it drives its own tab of a Chromium that
 * Playwright starts with a debugging port, signed in by the session cookie.
 */
const DEBUG_PORT = Number(process.env.LIGHTHOUSE_DEBUG_PORT ?? 9_334);

test("Lighthouse's PWA checks pass on the shop and on My devices", async ({ page, request, baseURL }) => {
  test.setTimeout(240_000);
  const email = `${unique("lh").toLowerCase()}@example.com`;
  expect((await request.post("/api/auth/register", { data: { email, password: "customer-password-1", name: "Lee House" } })).status()).toBe(201);
  await signIn(page, email, "customer-password-1");
  await expect(page).toHaveURL(/\/shop$/);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", `--remote-debugging-port=${DEBUG_PORT}`],
  });
  try {
    for (const [path, heading] of [["/shop", "Shop"], ["/monitoring", "My devices"]] as const) {
      const result = await lighthouse(`${baseURL}${path}`, { port: DEBUG_PORT, onlyCategories: ["pwa"], extraHeaders: { Cookie: cookie }, logLevel: "error" });
      const lhr = result!.lhr;
      expect(lhr.runtimeError, path).toBeUndefined();
      // Signed in, not bounced to the sign-in page: the audits judged the page itself.
      expect(new URL(lhr.finalDisplayedUrl).pathname, path).toBe(path);
      const automated = lhr.categories.pwa.auditRefs.map((ref) => lhr.audits[ref.id]).filter((a) => a.scoreDisplayMode !== "manual");
      expect(automated.map((a) => a.id)).toEqual(expect.arrayContaining(["installable-manifest", "maskable-icon", "themed-omnibox", "splash-screen", "viewport", "content-width"]));
      const failing = automated.filter((a) => a.score !== 1).map((a) => `${a.id}: ${a.explanation ?? a.title}`);
      expect(failing, `${path} (${heading})`).toEqual([]);
    }
  } finally {
    await browser.close();
  }
});
