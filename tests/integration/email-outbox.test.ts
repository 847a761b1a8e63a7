import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { changeDeliveryStatus, createDelivery } from "@/lib/deliveries/service";
import { sendDueEmails, smtpTransport, type SendMail } from "@/lib/email/sender";
import { placeOrder } from "@/lib/orders/place-order";
import { changeOrderStatus } from "@/lib/orders/service";

/**
 * Customer emails end to end without the web server: the services write outbox rows with the
 * status changes, the sender delivers them through the real local SMTP server (exim on
 * 127.0.0.1:25, started by scripts/services.sh) and the mail is read back from the recipient's
 * mbox. `devicestore@localhost` is a local mailbox (/var/mail/devicestore).
 */
const MAILBOX = "/var/mail/devicestore";
const SMTP_URL = process.env.SMTP_URL || "smtp://127.0.0.1:25";
const transport = smtpTransport(SMTP_URL);
const smtp: SendMail = (m) => transport.sendMail(m);

let admin: SessionUser;
let customer: SessionUser;

async function newUnits(count: number) {
  const model = `EM-${randomUUID().slice(0, 8)}`;
  await db().product.create({ data: { type: "sensor", model, name: "Mail Sensor", published: true } });
  const devices = [];
  for (let i = 0; i < count; i++) {
    devices.push(await db().device.create({ data: { serialNumber: `SN-${randomUUID()}`, name: "Mail Sensor", type: "sensor", model, price: "19.90" } }));
  }
  return devices;
}

const outbox = (orderId: number) => db().emailOutbox.findMany({ where: { orderId }, orderBy: { id: "asc" } });
const bytes = (s: string) => Buffer.from(s.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");

const rawMailbox = () => readFile(MAILBOX).catch(() => Buffer.alloc(0));
/** Where the mailbox ended before this test's mail: earlier runs' mail (same order numbers after a reset) is not read. */
let mark = 0;

/** This test's mail as a reader sees it: encoded-word subjects and quoted-printable bodies decoded. */
async function mailbox(): Promise<string> {
  const raw = (await rawMailbox()).subarray(mark).toString("utf8");
  return raw
    .replace(/\?=\r?\n[ \t]+=\?UTF-8\?Q\?/gi, "")
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, q: string) => bytes(q.replace(/_/g, " ")))
    .replace(/=\r?\n/g, "")
    .replace(/(=[0-9A-F]{2})+/g, (run) => bytes(run));
}

/** Exim delivers each message on its own, in no set order: waits for all of them. */
async function waitForMail(...needles: string[]): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const box = await mailbox();
    if (needles.every((n) => box.includes(n))) return box;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail containing all of ${needles.join(" | ")} in ${MAILBOX}`);
}

beforeAll(async () => {
  const a = await db().user.create({ data: { email: `staff-${randomUUID()}@example.com`, passwordHash: "x", name: "Staff Member Sam", role: "ADMIN" } });
  admin = { id: a.id, email: a.email, name: a.name, role: "ADMIN" };
  const c = await db().user.upsert({
    where: { email: "devicestore@localhost" },
    create: { email: "devicestore@localhost", passwordHash: "x", name: "Mailbox Customer" },
    update: {},
  });
  customer = { id: c.id, email: c.email, name: c.name, role: "CUSTOMER" };
  // The mailbox's customer is shared by every run: earlier runs' unconfirmed orders would count
  // against the per-customer cap.
  const pending = await db().order.findMany({ where: { customerId: c.id, status: "pending" }, select: { id: true } });
  for (const o of pending) await changeOrderStatus(admin, o.id, { status: "cancelled" });
});

beforeEach(async () => {
  mark = (await rawMailbox()).length;
});

afterAll(async () => {
  transport.close();
  await db().$disconnect();
});

describe("customer order emails (outbox → real SMTP → mbox)", () => {
  it("each step writes one outbox row with the change, and the sender delivers them to the customer's mailbox", async () => {
    const [unit] = await newUnits(1);
    const order = await placeOrder(customer, { items: [{ deviceId: unit.id }], shippingAddress: "1 Mail Street, Postville" });
    expect((await outbox(order.id)).map((r) => r.kind)).toEqual(["placed"]);

    await changeOrderStatus(admin, order.id, { status: "confirmed", note: "internal: checked payment by hand" });
    await changeOrderStatus(admin, order.id, { status: "processing" });
    const delivery = await createDelivery(admin, { orderId: order.id, carrier: "DHL", trackingNumber: "JD0146", status: "in_transit" });
    await changeDeliveryStatus(admin, delivery.id, { status: "out_for_delivery", note: "staff note: van 3" });
    await changeDeliveryStatus(admin, delivery.id, { status: "delivered" });
    expect((await outbox(order.id)).map((r) => r.kind)).toEqual(["placed", "confirmed", "shipped", "out_for_delivery", "delivered"]);

    expect(await sendDueEmails(smtp, { orderIds: [order.id] })).toEqual({ sent: 5, failed: 0 });
    const rows = await outbox(order.id);
    expect(rows.every((r) => r.sentAt && !r.failedAt && r.attempts === 1)).toBe(true);

    const subjects = ["We received your order", "Your order is confirmed", "Your order has shipped", "Your parcel is out for delivery", "Your order was delivered"];
    const box = await waitForMail(...subjects.map((subject) => `Subject: ${subject} — ${order.orderNumber}`));
    expect(box).toContain("tracking-id=JD0146");
    expect(box).toContain(`1 × Mail Sensor (sensor ${unit.model}) — 19.90 each`);
    // Staff and their notes stay out of the customer's mail.
    expect(box).not.toContain("Staff Member Sam");
    expect(box).not.toContain(admin.email);
    expect(box).not.toContain("checked payment by hand");
    expect(box).not.toContain("van 3");

    // Sent is sent: another pass sends nothing again.
    expect(await sendDueEmails(smtp, { orderIds: [order.id] })).toEqual({ sent: 0, failed: 0 });
  });

  it("a cancelled order emails the customer; a refused order writes no email", async () => {
    const [unit] = await newUnits(1);
    const order = await placeOrder(customer, { items: [{ deviceId: unit.id }], shippingAddress: "2 Mail Street, Postville" });
    await expect(placeOrder(customer, { items: [{ deviceId: unit.id }], shippingAddress: "2 Mail Street, Postville" })).rejects.toThrow();
    await changeOrderStatus(customer, order.id, { status: "cancelled" });
    expect((await outbox(order.id)).map((r) => r.kind)).toEqual(["placed", "cancelled"]);
    expect(await sendDueEmails(smtp, { orderIds: [order.id] })).toEqual({ sent: 2, failed: 0 });
    await waitForMail(`Subject: We received your order — ${order.orderNumber}`, `Subject: Your order was cancelled — ${order.orderNumber}`);
  });

  it("a failed send is retried later with backoff; an SMTP refusal (5xx) is given up at once", async () => {
    const [unit] = await newUnits(1);
    const order = await placeOrder(customer, { items: [{ deviceId: unit.id }], shippingAddress: "3 Mail Street, Postville" });
    const down: SendMail = () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:25"), { code: "ECONNECTION" }));
    expect(await sendDueEmails(down, { orderIds: [order.id] })).toEqual({ sent: 0, failed: 0 });
    let [row] = await outbox(order.id);
    expect(row).toMatchObject({ attempts: 1, sentAt: null, failedAt: null, claimedAt: null });
    expect(row.lastError).toContain("ECONNREFUSED");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: nothing is claimed.
    expect(await sendDueEmails(smtp, { orderIds: [order.id] })).toEqual({ sent: 0, failed: 0 });

    await db().emailOutbox.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
    const refused: SendMail = () => Promise.reject(Object.assign(new Error("550 Unrouteable address"), { responseCode: 550 }));
    expect(await sendDueEmails(refused, { orderIds: [order.id] })).toEqual({ sent: 0, failed: 1 });
    [row] = await outbox(order.id);
    expect(row.failedAt).not.toBeNull();
    expect(row.attempts).toBe(2);
  });

  it("senders running side by side send each email once", async () => {
    const units = await newUnits(3);
    const orders = [];
    for (const unit of units) orders.push(await placeOrder(customer, { items: [{ deviceId: unit.id }], shippingAddress: "4 Mail Street, Postville" }));
    const orderIds = orders.map((o) => o.id);
    const sent: string[] = [];
    const slow: SendMail = async (m) => {
      sent.push(m.subject);
      await new Promise((r) => setTimeout(r, 50));
    };
    const results = await Promise.all(Array.from({ length: 4 }, () => sendDueEmails(slow, { orderIds, limit: 2 })));
    const again = await sendDueEmails(slow, { orderIds });
    expect(results.reduce((n, r) => n + r.sent, 0) + again.sent).toBe(3);
    expect(new Set(sent).size).toBe(3);
    expect(sent.length).toBe(3);
  });
});
