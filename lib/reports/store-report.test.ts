import { describe, expect, it } from "vitest";
import { renderReportDocument } from "./html";
import { periodRange } from "./period";
import { generateReportSchema } from "./schemas";
import { assembleStoreReport } from "./store-report";

const range = periodRange("2026-10", new Date("2026-11-02T00:00:00Z"))!;

function report(overrides: Partial<Parameters<typeof assembleStoreReport>[0]> = {}) {
  return assembleStoreReport({
    range,
    currency: "EUR",
    summary: [
      { period: "2026-10-01", orders: 12, cancelled: 2, cancellationRate: 2 / 12, revenue: "1234.50", averageOrderValue: "123.45" },
      { period: "total", orders: 12, cancelled: 2, cancellationRate: 2 / 12, revenue: "1234.50", averageOrderValue: "123.45" },
    ],
    productSales: [
      { period: "2026-10-01", product: "sensor TH-1", type: "sensor", model: "TH-1", orders: 4, units: 6, revenue: "234.50" },
      { period: "2026-10-01", product: "gateway GW-9", type: "gateway", model: "GW-9", orders: 6, units: 6, revenue: "1000.00" },
    ],
    fulfilment: [{ week: "2026-09-28", stage: "confirmation", orders: 5, medianHours: 3.25, p90Hours: 20 }],
    carriers: [{ carrier: "DHL", deliveries: 8, withIssues: 2, failedAttempts: 2, returned: 0, damaged: 1, issueRate: 0.25 }],
    stock: [
      { product: "sensor TH-1", type: "sensor", model: "TH-1", inStock: 2, reserved: 1, unitsSold: 30, velocityPerDay: 1, daysOfCover: 2, stockOutDate: "2026-11-03", reorderPoint: 10, lowStock: true },
    ],
    generatedAt: new Date("2026-11-01T00:10:00Z"),
    ...overrides,
  });
}

describe("store report", () => {
  it("takes the month's totals, ranks products by revenue and keeps money as decimal strings", () => {
    const r = report();
    expect(r.sales).toEqual({ orders: 12, cancelled: 2, cancellationRate: 2 / 12, revenue: "1234.50", averageOrderValue: "123.45" });
    expect(r.products).toEqual([
      { product: "gateway GW-9", orders: 6, units: 6, revenue: "1000.00" },
      { product: "sensor TH-1", orders: 4, units: 6, revenue: "234.50" },
    ]);
    expect(r.stock[0]).toMatchObject({ product: "sensor TH-1", inStock: 2, lowStock: true });
  });

  it("a month without orders reports zeros, not an error", () => {
    expect(report({ summary: [], productSales: [] }).sales).toEqual({ orders: 0, cancelled: 0, cancellationRate: 0, revenue: "0.00", averageOrderValue: "0.00" });
  });

  it("prints sales, fulfilment and stock with the store's currency", () => {
    const html = renderReportDocument(report());
    expect(html).toContain("Store report — October 2026");
    expect(html).toContain("€1,234.50");
    expect(html).toContain("€123.45");
    expect(html).toContain("2 (16.7 %)");
    expect(html).toContain("25.0 %");
    expect(html).toMatch(/Reorder at<\/th><th scope="col">Low<\/th>.*<span class="warn">Yes<\/span>/);
  });
});

describe("generate request", () => {
  it("names the bad field", () => {
    expect(generateReportSchema.safeParse({ kind: "fleet", period: "2026-10" }).success).toBe(true);
    for (const [body, field] of [
      [{ kind: "weekly" }, "kind"],
      [{ kind: "fleet", period: "October" }, "period"],
      [{ kind: "fleet", customerId: -1 }, "customerId"],
      [{ kind: "fleet", extra: 1 }, ""],
    ] as const) {
      const parsed = generateReportSchema.safeParse(body);
      expect(parsed.success).toBe(false);
      if (field) expect(parsed.error!.issues[0].path).toEqual([field]);
    }
  });
});
