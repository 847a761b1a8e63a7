import { access, constants } from "node:fs/promises";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

const unavailable = (why: string) =>
  new AppError("service_unavailable", `PDF reports are unavailable: ${why}. Install Chromium or set CHROMIUM_PATH.`);

/**
 * Prints an HTML document to an A4 PDF with the installed Chromium (playwright-core, no browser
 * download). Chromium is loaded only here, on demand: the web starts without it, and a request
 * that needs it answers 503 in the error envelope. One browser per document keeps it simple and
 * leaves nothing running between reports (a report is seconds of work once a month).
 */
export async function renderPdf(html: string): Promise<Buffer> {
  const { CHROMIUM_PATH, REPORT_PDF_TIMEOUT_MS } = config();
  try {
    await access(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw unavailable(`no Chromium at ${CHROMIUM_PATH}`);
  }
  let chromium: typeof import("playwright-core").chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    throw unavailable("playwright-core is not installed");
  }
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, timeout: REPORT_PDF_TIMEOUT_MS, args: ["--disable-dev-shm-usage"] });
  } catch (error) {
    logger().error({ err: error, executablePath: CHROMIUM_PATH }, "chromium failed to start");
    throw unavailable("Chromium failed to start");
  }
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    // The document is self-contained (inline styles, no scripts, no fetches).
    await page.setContent(html, { waitUntil: "load", timeout: REPORT_PDF_TIMEOUT_MS });
    return await page.pdf({ format: "A4", printBackground: true, margin: { top: "14mm", bottom: "14mm", left: "12mm", right: "12mm" } });
  } finally {
    await browser.close().catch(() => {});
  }
}
