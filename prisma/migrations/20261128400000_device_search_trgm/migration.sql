-- GET /api/devices?q= (and the CSV export, and /admin/devices) match q anywhere in the name, model
-- or serial number: `name ILIKE '%q%' OR model ILIKE … OR serial_number ILIKE …`. No B-tree can
-- serve a leading wildcard, so every search read all units of the status and ran three ILIKEs on
-- each: 5 ms for the page and 5 ms again for its count over 10,000 units, whatever q matched.
-- A trigram index per column turns that into a BitmapOr of three index scans (0.2 ms for
-- "device 12"; 0.02 ms when nothing matches). One three-column GIN index instead was not chosen
-- by the planner (costed as one big index scanned three times), so it is one index per column.
-- Patterns under three characters yield no trigrams, and common matches ("M-1", every unit)
-- are still cheaper by walking (status, created_at, id) or a sequential count: the planner keeps
-- those plans (measured, unchanged). The cost is on writes: the one INSERT of a 10,000-unit CSV
-- import (lib/inventory/csv-import.ts) takes about 260 ms instead of 110 ms.
--
-- pg_trgm ships with PostgreSQL (Debian's postgresql package, the postgres Docker image) and is a
-- trusted extension (PostgreSQL 13+), so the database owner may create it. It is created here and
-- not declared to Prisma (the postgresqlExtensions preview feature is deprecated); the indexes are
-- declared in schema.prisma as `@@index([name(ops: raw("gin_trgm_ops"))], type: Gin)`, with
-- Prisma's own names. Plain CREATE INDEX, as scripts/migrate.ts runs each migration in one
-- transaction (CONCURRENTLY cannot); it blocks writes to t_devices for the build, ~50 ms per
-- 10,000 units.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "t_devices_name_idx" ON "t_devices" USING GIN ("name" gin_trgm_ops);
CREATE INDEX "t_devices_model_idx" ON "t_devices" USING GIN ("model" gin_trgm_ops);
CREATE INDEX "t_devices_serial_number_idx" ON "t_devices" USING GIN ("serial_number" gin_trgm_ops);
