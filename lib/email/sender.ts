/**
 * Delivers the email outbox over SMTP (nodemailer). Run by the telemetry worker; any number of
 * workers may run it side by side: a batch is claimed with FOR UPDATE SKIP LOCKED, so each row
 * goes to one sender, and a claim older than CLAIM_TTL (a sender that died mid-send) is taken over.
 * A failure is retried with the shared backoff, at most EMAIL_MAX_ATTEMPTS times; a permanent
 * refusal (an SMTP 5xx: no such mailbox) is given up at once. Either way it is logged.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { formatMoney } from "@/lib/money";
import { loadProductNames } from "@/lib/products/names";
import { backoffDelay } from "@/lib/telemetry/backoff";
import { EMAIL_KINDS, renderOrderEmail, type EmailKind, type OrderEmailData, type RenderedEmail } from "./render";

const CLAIM_TTL_SEC = 300;

interface ClaimedRow {
  id: number;
  order_id: number;
  delivery_id: number | null;
  kind: string;
  attempts: number;
}

/** Claims up to `limit` due rows for this sender (attempts counts this try), of `orderIds` only if given. */
export async function claimEmails(limit: number, orderIds?: number[]): Promise<ClaimedRow[]> {
  const only = orderIds ? Prisma.sql`AND order_id = ANY(${orderIds}::int[])` : Prisma.empty;
  return db().$queryRaw<ClaimedRow[]>(Prisma.sql`
    UPDATE t_email_outbox SET claimed_at = now(), attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM t_email_outbox
      WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
        AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => ${CLAIM_TTL_SEC})) ${only}
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, order_id, delivery_id, kind, attempts`);
}

/** What the customer may read about the order, selected field by field (no staff, no notes). */
export async function loadOrderEmail(row: Pick<ClaimedRow, "order_id" | "delivery_id" | "kind">): Promise<{ to: string; data: OrderEmailData } | null> {
  if (!(EMAIL_KINDS as readonly string[]).includes(row.kind)) return null;
  const order = await db().order.findUnique({
    where: { id: row.order_id },
    select: {
      id: true,
      orderNumber: true,
      totalAmount: true,
      customer: { select: { name: true, email: true } },
      items: { select: { unitPrice: true, device: { select: { name: true, type: true, model: true } } }, orderBy: { id: "asc" } },
    },
  });
  if (!order) return null;
  const nameOf = await loadProductNames(order.items.map((i) => i.device));
  const parcel = row.delivery_id
    ? await db().delivery.findFirst({ where: { id: row.delivery_id, orderId: order.id }, select: { carrier: true, trackingNumber: true } })
    : null;
  const base = config().NEXTAUTH_URL.replace(/\/+$/, "");
  return {
    to: order.customer.email,
    data: {
      kind: row.kind as EmailKind,
      orderNumber: order.orderNumber,
      customerName: order.customer.name,
      totalAmount: formatMoney(order.totalAmount),
      items: order.items.map((i) => ({ ...i.device, name: nameOf(i.device), unitPrice: formatMoney(i.unitPrice) })),
      parcel,
      orderUrl: `${base}/orders/${order.id}`,
    },
  };
}

/** An SMTP 5xx (or a bad address) will fail the same way next time. */
function isPermanent(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  return (typeof e.responseCode === "number" && e.responseCode >= 500) || e.code === "EENVELOPE";
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * smtp://host[:port] (STARTTLS when offered) or smtps:// (TLS), user and password from the URL.
 * To a loopback server STARTTLS is skipped: the hop never leaves the machine, and a local exim's
 * certificate is self-signed, which would fail every send.
 */
export function smtpTransport(url: string): Transporter {
  const u = new URL(url);
  const secure = u.protocol === "smtps:";
  return nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 25,
    secure,
    ignoreTLS: !secure && LOOPBACK.has(u.hostname),
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    connectionTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

export type SendMail = (message: { from: string; to: string } & RenderedEmail) => Promise<unknown>;

/**
 * Sends what is due, one batch (of some orders' emails only, with `orderIds`); returns how many
 * went out and how many were given up. `send` is the SMTP call.
 */
export async function sendDueEmails(send: SendMail, { limit = 20, orderIds }: { limit?: number; orderIds?: number[] } = {}): Promise<{ sent: number; failed: number }> {
  const cfg = config();
  let sent = 0;
  let failed = 0;
  for (const row of await claimEmails(limit, orderIds)) {
    try {
      const mail = await loadOrderEmail(row);
      if (!mail) {
        await db().emailOutbox.update({ where: { id: row.id }, data: { failedAt: new Date(), claimedAt: null, lastError: "order or kind not found" } });
        failed++;
        continue;
      }
      await send({ from: cfg.MAIL_FROM, to: mail.to, ...renderOrderEmail(mail.data) });
      await db().emailOutbox.update({ where: { id: row.id }, data: { sentAt: new Date(), claimedAt: null, lastError: null } });
      sent++;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const giveUp = isPermanent(error) || row.attempts >= cfg.EMAIL_MAX_ATTEMPTS;
      const delayMs = backoffDelay(row.attempts, { baseMs: 30_000, maxMs: 3_600_000 });
      await db()
        .emailOutbox.update({
          where: { id: row.id },
          data: giveUp ? { failedAt: new Date(), claimedAt: null, lastError: message } : { nextAttemptAt: new Date(Date.now() + delayMs), claimedAt: null, lastError: message },
        })
        .catch(() => {}); // the claim expires; the row is tried again after CLAIM_TTL
      logger().warn({ emailId: row.id, kind: row.kind, attempts: row.attempts, giveUp, err: message }, giveUp ? "email given up" : "email failed; will retry");
      if (giveUp) failed++;
    }
  }
  return { sent, failed };
}

/** The worker's timer: one batch at a time, every `everyMs`. */
export class EmailSender {
  private timer?: NodeJS.Timeout;
  private busy?: Promise<void>;

  constructor(private readonly send: SendMail) {}

  start(everyMs: number): void {
    this.timer ??= setInterval(() => void this.tick(), everyMs);
  }

  /** Batches until one settles nothing (at most 10 a tick), so a backlog drains without waiting a tick per batch. */
  tick(): Promise<void> {
    return (this.busy ??= (async () => {
      let total = { sent: 0, failed: 0 };
      for (let round = 0; round < 10; round++) {
        const { sent, failed } = await sendDueEmails(this.send);
        total = { sent: total.sent + sent, failed: total.failed + failed };
        if (sent + failed === 0) break;
      }
      if (total.sent || total.failed) logger().info(total, "emails sent");
    })()
      .catch((error: Error) => logger().warn({ err: error.message }, "email outbox unavailable; will retry"))
      .finally(() => (this.busy = undefined)));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.busy;
  }
}

/** From the config: a sender, or null (logged once) when SMTP_URL is unset. */
export function emailSenderFromConfig(): EmailSender | null {
  const { SMTP_URL } = config();
  if (!SMTP_URL) {
    logger().info("SMTP_URL is not set: customer emails stay in the outbox, unsent");
    return null;
  }
  const transport = smtpTransport(SMTP_URL);
  return new EmailSender((message) => transport.sendMail(message));
}
