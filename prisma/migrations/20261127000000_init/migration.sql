-- The store's initial schema: the specification's tables plus what real use needs.

CREATE TABLE "t_users" (
    "id" SERIAL NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "password_hash" VARCHAR(100) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "role" VARCHAR(20) NOT NULL DEFAULT 'CUSTOMER',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "t_users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "t_users_role_check" CHECK ("role" IN ('ADMIN', 'CUSTOMER'))
);

CREATE TABLE "t_devices" (
    "id" SERIAL NOT NULL,
    "serial_number" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "type" VARCHAR(50) NOT NULL,
    "model" VARCHAR(100) NOT NULL,
    "description" TEXT,
    "price" DECIMAL(10,2) NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'in_stock',
    "specifications" JSONB NOT NULL DEFAULT '{}',
    "last_seen_at" TIMESTAMPTZ(3),
    "deployed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "t_devices_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "t_devices_status_check" CHECK ("status" IN ('in_stock', 'reserved', 'sold', 'deployed', 'maintenance', 'defective')),
    CONSTRAINT "t_devices_price_check" CHECK ("price" >= 0)
);

CREATE TABLE "t_orders" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "order_number" VARCHAR(50) NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'pending',
    "total_amount" DECIMAL(12,2) NOT NULL,
    "shipping_address" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "t_orders_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "t_orders_status_check" CHECK ("status" IN ('pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled'))
);

CREATE TABLE "t_order_items" (
    "id" SERIAL NOT NULL,
    "order_id" INTEGER NOT NULL,
    "device_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "unit_price" DECIMAL(10,2) NOT NULL,
    "subtotal" DECIMAL(12,2) NOT NULL,
    CONSTRAINT "t_order_items_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "t_deliveries" (
    "id" SERIAL NOT NULL,
    "order_id" INTEGER NOT NULL,
    "device_id" INTEGER,
    "carrier" VARCHAR(100) NOT NULL,
    "tracking_number" VARCHAR(100) NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'pending',
    "shipped_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "delivery_notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "t_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "t_deliveries_status_check" CHECK ("status" IN ('pending', 'in_transit', 'out_for_delivery', 'delivered', 'failed', 'returned'))
);

CREATE TABLE "t_delivery_items" (
    "delivery_id" INTEGER NOT NULL,
    "device_id" INTEGER NOT NULL,
    CONSTRAINT "t_delivery_items_pkey" PRIMARY KEY ("delivery_id","device_id")
);

CREATE TABLE "t_device_configs" (
    "id" SERIAL NOT NULL,
    "device_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "config" JSONB NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "t_device_configs_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "t_device_credentials" (
    "id" SERIAL NOT NULL,
    "device_id" INTEGER NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "t_device_credentials_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "t_audit_events" (
    "id" BIGSERIAL NOT NULL,
    "entity_type" VARCHAR(20) NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "action" VARCHAR(30) NOT NULL,
    "from_status" VARCHAR(20),
    "to_status" VARCHAR(20),
    "reason" TEXT,
    "actor_id" INTEGER,
    "actor_label" VARCHAR(254) NOT NULL,
    "data" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "t_audit_events_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "t_login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "key" VARCHAR(300) NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "t_login_attempts_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "t_users_email_key" ON "t_users"("email");
CREATE UNIQUE INDEX "t_devices_serial_number_key" ON "t_devices"("serial_number");
CREATE INDEX "t_devices_status_idx" ON "t_devices"("status");
CREATE INDEX "t_devices_type_model_status_idx" ON "t_devices"("type", "model", "status");
CREATE INDEX "t_devices_created_at_idx" ON "t_devices"("created_at");
CREATE UNIQUE INDEX "t_orders_order_number_key" ON "t_orders"("order_number");
CREATE INDEX "t_orders_customer_id_created_at_idx" ON "t_orders"("customer_id", "created_at");
CREATE INDEX "t_orders_status_created_at_idx" ON "t_orders"("status", "created_at");
CREATE INDEX "t_order_items_order_id_idx" ON "t_order_items"("order_id");
CREATE INDEX "t_order_items_device_id_idx" ON "t_order_items"("device_id");
CREATE INDEX "t_deliveries_order_id_idx" ON "t_deliveries"("order_id");
CREATE INDEX "t_deliveries_status_created_at_idx" ON "t_deliveries"("status", "created_at");
CREATE INDEX "t_delivery_items_device_id_idx" ON "t_delivery_items"("device_id");
CREATE UNIQUE INDEX "t_device_configs_device_id_version_key" ON "t_device_configs"("device_id", "version");
CREATE UNIQUE INDEX "t_device_credentials_token_hash_key" ON "t_device_credentials"("token_hash");
CREATE INDEX "t_device_credentials_device_id_idx" ON "t_device_credentials"("device_id");
CREATE INDEX "t_audit_events_entity_type_entity_id_created_at_idx" ON "t_audit_events"("entity_type", "entity_id", "created_at");
CREATE INDEX "t_login_attempts_key_attempted_at_idx" ON "t_login_attempts"("key", "attempted_at");

ALTER TABLE "t_orders" ADD CONSTRAINT "t_orders_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "t_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "t_order_items" ADD CONSTRAINT "t_order_items_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "t_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "t_order_items" ADD CONSTRAINT "t_order_items_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "t_devices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "t_deliveries" ADD CONSTRAINT "t_deliveries_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "t_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "t_deliveries" ADD CONSTRAINT "t_deliveries_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "t_devices"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "t_delivery_items" ADD CONSTRAINT "t_delivery_items_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "t_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "t_delivery_items" ADD CONSTRAINT "t_delivery_items_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "t_devices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "t_device_configs" ADD CONSTRAINT "t_device_configs_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "t_devices"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "t_device_credentials" ADD CONSTRAINT "t_device_credentials_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "t_devices"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "t_audit_events" ADD CONSTRAINT "t_audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "t_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
