-- Products are managed as products (issue 11): one row per (type, model) with the name,
-- description, specifications and picture the shop shows, edited once by an admin and visible
-- to customers only once published. Units (t_devices) keep their own columns for the record.

CREATE TABLE "t_products" (
    "id" SERIAL NOT NULL,
    "type" VARCHAR(50) NOT NULL,
    "model" VARCHAR(100) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "description" TEXT,
    "specifications" JSONB NOT NULL DEFAULT '{}',
    "published" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "t_products_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "t_products_type_model_key" ON "t_products"("type", "model");
-- The admin list filters on published and orders by name.
CREATE INDEX "t_products_published_name_idx" ON "t_products"("published", "name");

-- The picture lives in a table of its own, so listing products never reads image bytes.
CREATE TABLE "t_product_pictures" (
    "product_id" INTEGER NOT NULL,
    "content_type" VARCHAR(20) NOT NULL,
    "data" BYTEA NOT NULL,
    "byte_size" INTEGER NOT NULL,
    -- A hash of the bytes: the ETag, and the version in the picture's URL (long browser caching).
    "etag" VARCHAR(64) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "t_product_pictures_pkey" PRIMARY KEY ("product_id"),
    CONSTRAINT "t_product_pictures_content_type_check" CHECK ("content_type" IN ('image/png', 'image/jpeg', 'image/webp')),
    CONSTRAINT "t_product_pictures_size_check" CHECK ("byte_size" > 0 AND "byte_size" <= 1048576)
);
ALTER TABLE "t_product_pictures" ADD CONSTRAINT "t_product_pictures_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "t_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing shops keep working: one published product per (type, model) in stock records,
-- described by its cheapest unit (an in-stock one first), as the shop showed it until now.
INSERT INTO "t_products" ("type", "model", "name", "description", "specifications", "published", "updated_at")
SELECT DISTINCT ON (d."type", d."model") d."type", d."model", d."name", d."description", d."specifications", true, now()
FROM "t_devices" d
ORDER BY d."type", d."model", (d."status" = 'in_stock') DESC, d."price", d."id";
