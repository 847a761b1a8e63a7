-- Customer emails about their orders (lib/email): a transactional outbox. A row is written in
-- the same transaction as the status change it tells of, so a mail is never lost when the change
-- commits and never sent when it rolls back; the telemetry worker delivers pending rows over SMTP.
-- `claimed_at` marks a row a sender is working on (a claim older than a few minutes is a crashed
-- sender's and may be taken again); `next_attempt_at` spaces out retries; `failed_at` means given up.
CREATE TABLE "t_email_outbox" (
    "id" SERIAL NOT NULL,
    "order_id" INTEGER NOT NULL,
    "delivery_id" INTEGER,
    "kind" VARCHAR(32) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "last_error" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "t_email_outbox_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "t_email_outbox_sent_at_failed_at_next_attempt_at_idx" ON "t_email_outbox"("sent_at", "failed_at", "next_attempt_at");
CREATE INDEX "t_email_outbox_order_id_idx" ON "t_email_outbox"("order_id");

ALTER TABLE "t_email_outbox" ADD CONSTRAINT "t_email_outbox_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "t_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
