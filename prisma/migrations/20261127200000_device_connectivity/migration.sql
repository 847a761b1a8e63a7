-- Online/offline tracking: the worker's offline detector owns these two columns.
-- never_connected until the first reading; online while readings arrive within k × the
-- reporting interval; offline after that.
ALTER TABLE "t_devices" ADD COLUMN "connectivity" VARCHAR(20) NOT NULL DEFAULT 'never_connected';
ALTER TABLE "t_devices" ADD COLUMN "connectivity_changed_at" TIMESTAMPTZ(3);
ALTER TABLE "t_devices" ADD CONSTRAINT "t_devices_connectivity_check"
  CHECK ("connectivity" IN ('never_connected', 'online', 'offline'));
CREATE INDEX "t_devices_connectivity_idx" ON "t_devices"("connectivity");
