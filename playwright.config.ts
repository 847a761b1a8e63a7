import { defineConfig } from "@playwright/test";

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

/**
 * Drives Debian's Chromium (Playwright cannot download its own here) against the test server,
 * at a laptop's 1366×768 and a phone's 390×844. Specs named *.mobile.spec.ts are phone-only;
 * a11y.spec.ts runs in both (axe in both themes, with screenshots kept in test-results/screenshots).
 */
export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.TEST_BASE_URL ?? "http://127.0.0.1:3100",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [
    {
      name: "chromium",
      testIgnore: /\.mobile\.spec\.ts$/,
      use: { browserName: "chromium", viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
    },
    {
      name: "mobile",
      testMatch: /(\.mobile\.spec|a11y\.spec)\.ts$/,
      use: { browserName: "chromium", viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
  ],
});
