import { describe, expect, it } from "vitest";
import { trackingUrl } from "./carriers";
import { formatPrice, stockLabel } from "./format";

describe("shop formatting", () => {
  it("formats decimal-string prices in the configured currency", () => {
    expect(formatPrice("149.90", "EUR")).toBe("€149.90");
    expect(formatPrice("0.5", "USD")).toBe("US$0.50");
    expect(formatPrice("1234.00", "GBP")).toBe("£1,234.00");
  });

  it("says 'in stock' for plenty and 'only N left' when few remain", () => {
    expect(stockLabel(40)).toBe("In stock");
    expect(stockLabel(3)).toBe("Only 3 left");
    expect(stockLabel(0)).toBe("Out of stock");
  });
});

describe("carrier tracking links", () => {
  it("links known carriers by name or alias, case-insensitively, with the number encoded", () => {
    expect(trackingUrl("UPS", "1Z 999")).toBe("https://www.ups.com/track?tracknum=1Z%20999");
    expect(trackingUrl("  la   poste ", "X1")).toBe("https://www.laposte.fr/outils/suivre-vos-envois?code=X1");
    expect(trackingUrl("Colissimo", "X2")).toContain("laposte.fr");
    expect(trackingUrl("PostNord", "P-1")).toContain("postnord");
  });

  it("gives no link for a carrier it does not know", () => {
    expect(trackingUrl("Bob's Bikes", "7")).toBeNull();
  });
});
