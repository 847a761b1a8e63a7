-- GET /api/devices pages newest first with id as the tie-breaker. An index on created_at alone
-- made PostgreSQL read and sort every unit sharing a created_at (all of a CSV import: 8 ms for
-- 10,000 units); these give the first page in a few index entries, with or without a status.
DROP INDEX IF EXISTS "t_devices_created_at_idx";
CREATE INDEX "t_devices_created_at_id_idx" ON "t_devices"("created_at", "id");
CREATE INDEX "t_devices_status_created_at_id_idx" ON "t_devices"("status", "created_at", "id");
