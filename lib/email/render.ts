/**
 * Customer emails about an order, as plain text and simple HTML. Built from OrderEmailData, an
 * allow-list of what a customer may read (like lib/orders/dto.ts's customer view): order number,
 * what happened, the items and a parcel's carrier and tracking number — never a staff member,
 * an internal note or another customer. Every value is escaped in the HTML part.
 */
import { trackingUrl } from "@/lib/client/carriers";

export const EMAIL_KINDS = ["placed", "confirmed", "shipped", "out_for_delivery", "delivered", "cancelled"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export interface OrderEmailData {
  kind: EmailKind;
  orderNumber: string;
  customerName: string;
  totalAmount: string;
  items: Array<{ name: string; type: string; model: string; unitPrice: string }>;
  parcel?: { carrier: string; trackingNumber: string } | null;
  /** The customer's order page, when the store's address is known. */
  orderUrl?: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const HEADLINES: Record<EmailKind, { subject: string; line: string }> = {
  placed: { subject: "We received your order", line: "Thank you — we received your order and are holding its devices for you." },
  confirmed: { subject: "Your order is confirmed", line: "Good news: your order is confirmed and will be prepared for shipping." },
  shipped: { subject: "Your order has shipped", line: "Your order is on its way." },
  out_for_delivery: { subject: "Your parcel is out for delivery", line: "Your parcel is out for delivery and should arrive today." },
  delivered: { subject: "Your order was delivered", line: "Your order was delivered. We hope you enjoy your devices." },
  cancelled: { subject: "Your order was cancelled", line: "Your order was cancelled; nothing more will be shipped for it. If this is a surprise, please contact us." },
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A header line must not carry a line break (header injection). */
const oneLine = (value: string) => value.replace(/[\r\n\t]+/g, " ").trim();

/** Same product lines folded into one: "2 × Sensor Pro (sensor TH-1) — 49.00 each". */
function itemLines(items: OrderEmailData["items"]): string[] {
  const lines = new Map<string, { count: number; label: string; price: string }>();
  for (const i of items) {
    const key = `${i.name}\u0000${i.type}\u0000${i.model}\u0000${i.unitPrice}`;
    const line = lines.get(key) ?? { count: 0, label: `${i.name} (${i.type} ${i.model})`, price: i.unitPrice };
    line.count += 1;
    lines.set(key, line);
  }
  return [...lines.values()].map((l) => `${l.count} × ${l.label} — ${l.price} each`);
}

export function renderOrderEmail(data: OrderEmailData): RenderedEmail {
  const head = HEADLINES[data.kind];
  const subject = oneLine(`${head.subject} — ${data.orderNumber}`);
  const items = itemLines(data.items);
  const link = data.parcel ? trackingUrl(data.parcel.carrier, data.parcel.trackingNumber) : null;
  const parcel = data.parcel ? `${data.parcel.carrier}, tracking number ${data.parcel.trackingNumber}` : null;

  const text = [
    `Hello ${data.customerName},`,
    "",
    head.line,
    "",
    `Order: ${data.orderNumber}`,
    ...(parcel ? [`Parcel: ${parcel}`] : []),
    ...(link ? [`Track it: ${link}`] : []),
    "",
    "Items:",
    ...items.map((l) => `  ${l}`),
    `Total: ${data.totalAmount}`,
    ...(data.orderUrl ? ["", `Your order: ${data.orderUrl}`] : []),
    "",
    "— Device Store",
    "",
  ].join("\n");

  const e = escapeHtml;
  const html = [
    "<!doctype html>",
    `<html><body style="font-family:sans-serif;line-height:1.4">`,
    `<p>Hello ${e(data.customerName)},</p>`,
    `<p>${e(head.line)}</p>`,
    `<p><strong>Order:</strong> ${e(data.orderNumber)}</p>`,
    ...(parcel ? [`<p><strong>Parcel:</strong> ${e(parcel)}</p>`] : []),
    ...(link ? [`<p><a href="${e(link)}">Track your parcel</a></p>`] : []),
    `<ul>${items.map((l) => `<li>${e(l)}</li>`).join("")}</ul>`,
    `<p><strong>Total:</strong> ${e(data.totalAmount)}</p>`,
    ...(data.orderUrl ? [`<p><a href="${e(data.orderUrl)}">View your order</a></p>`] : []),
    "<p>— Device Store</p>",
    "</body></html>",
  ].join("\n");

  return { subject, text, html };
}
