-- Monthly reports (lib/reports): a customer's fleet report and the store's report for admins.
-- One row per kind, owner and month: the worker's schedule and on-demand requests meet on the
-- unique key (NULLS NOT DISTINCT, so the store's report, which has no customer, is unique too).
-- `data` holds the figures the printable page is rendered from; `pdf` the document printed from them.
CREATE TABLE "t_reports" (
    "id" SERIAL NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "customer_id" INTEGER,
    "period" VARCHAR(7) NOT NULL,
    "range_from" TIMESTAMPTZ(3) NOT NULL,
    "range_to" TIMESTAMPTZ(3) NOT NULL,
    "trigger" VARCHAR(20) NOT NULL,
    "data" JSONB NOT NULL,
    "pdf" BYTEA NOT NULL,
    "generated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "t_reports_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "t_reports_kind_check" CHECK ("kind" IN ('fleet', 'store')),
    CONSTRAINT "t_reports_owner_check" CHECK (("kind" = 'fleet') = ("customer_id" IS NOT NULL)),
    CONSTRAINT "t_reports_period_check" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    CONSTRAINT "t_reports_trigger_check" CHECK ("trigger" IN ('schedule', 'on_demand'))
);

CREATE UNIQUE INDEX "t_reports_kind_customer_id_period_key" ON "t_reports"("kind", "customer_id", "period") NULLS NOT DISTINCT;
CREATE INDEX "t_reports_customer_id_period_idx" ON "t_reports"("customer_id", "period");

ALTER TABLE "t_reports" ADD CONSTRAINT "t_reports_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "t_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
