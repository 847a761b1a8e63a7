import { describe, expect, it } from "vitest";
import { escapeHtml, renderOrderEmail, type OrderEmailData } from "./render";

const base: OrderEmailData = {
  kind: "placed",
  orderNumber: "ORD-2026-000042",
  customerName: "Casey Customer",
  totalAmount: "147.00",
  items: [
    { name: "Sensor Pro", type: "sensor", model: "TH-1", unitPrice: "49.00" },
    { name: "Sensor Pro", type: "sensor", model: "TH-1", unitPrice: "49.00" },
    { name: "Gateway", type: "gateway", model: "GW-2", unitPrice: "49.00" },
  ],
  orderUrl: "http://localhost:8080/orders/42",
};

describe("renderOrderEmail", () => {
  it("names the order, what happened and the items, in text and HTML", () => {
    const m = renderOrderEmail(base);
    expect(m.subject).toBe("We received your order — ORD-2026-000042");
    expect(m.text).toContain("Order: ORD-2026-000042");
    expect(m.text).toContain("2 × Sensor Pro (sensor TH-1) — 49.00 each");
    expect(m.text).toContain("1 × Gateway (gateway GW-2) — 49.00 each");
    expect(m.text).toContain("Total: 147.00");
    expect(m.html).toContain("<li>2 × Sensor Pro (sensor TH-1) — 49.00 each</li>");
    expect(m.html).toContain('href="http://localhost:8080/orders/42"');
  });

  it("gives each step its own wording", () => {
    const subjects = (["placed", "confirmed", "shipped", "out_for_delivery", "delivered", "cancelled"] as const).map(
      (kind) => renderOrderEmail({ ...base, kind }).subject,
    );
    expect(new Set(subjects).size).toBe(6);
    expect(renderOrderEmail({ ...base, kind: "cancelled" }).text).toContain("was cancelled");
  });

  it("a shipped parcel names its carrier, tracking number and the carrier's tracking link", () => {
    const m = renderOrderEmail({ ...base, kind: "shipped", parcel: { carrier: "DHL", trackingNumber: "JD 0146" } });
    expect(m.text).toContain("Parcel: DHL, tracking number JD 0146");
    expect(m.text).toContain("tracking-id=JD%200146");
    expect(m.html).toContain("Track your parcel");
    // An unknown carrier: the number, no link.
    const other = renderOrderEmail({ ...base, kind: "shipped", parcel: { carrier: "Bob's Vans", trackingNumber: "B1" } });
    expect(other.text).toContain("Bob's Vans, tracking number B1");
    expect(other.text).not.toContain("Track it");
  });

  it("escapes every value in the HTML and keeps line breaks out of the subject", () => {
    const m = renderOrderEmail({
      ...base,
      orderNumber: "ORD-1\r\nBcc: x@evil",
      customerName: '<script>alert("x")</script>',
      items: [{ name: "<img src=x onerror=1>", type: "a&b", model: "'m'", unitPrice: "1.00" }],
      parcel: { carrier: '"><b>', trackingNumber: "<i>" },
      kind: "shipped",
    });
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.html).not.toContain("<script>");
    expect(m.html).not.toContain("<img");
    expect(m.html).not.toContain("<b>");
    expect(m.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(m.html).toContain("a&amp;b &#39;m&#39;");
  });

  it("carries only the allow-listed fields: staff and internal notes passed along are not rendered", () => {
    const leaky = {
      ...base,
      kind: "confirmed",
      actor: "staff.member@store.example",
      note: "customer seemed rude, check payment",
      deliveryNotes: "left with neighbour — staff only",
    } as OrderEmailData;
    const m = renderOrderEmail(leaky);
    for (const part of [m.subject, m.text, m.html]) {
      expect(part).not.toContain("staff.member@store.example");
      expect(part).not.toContain("rude");
      expect(part).not.toContain("neighbour");
    }
  });
});

describe("escapeHtml", () => {
  it("escapes the five HTML-special characters", () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  });
});
