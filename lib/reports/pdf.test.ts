import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/config", () => ({ config: () => ({ CHROMIUM_PATH: "/nonexistent/chromium", REPORT_PDF_TIMEOUT_MS: 5000 }) }));

describe("PDF rendering without Chromium", () => {
  it("is a 503 naming what is missing, not a crash", async () => {
    const { renderPdf } = await import("./pdf");
    const error = await renderPdf("<p>report</p>").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "service_unavailable", status: 503 });
    expect((error as Error).message).toContain("/nonexistent/chromium");
  });
});
