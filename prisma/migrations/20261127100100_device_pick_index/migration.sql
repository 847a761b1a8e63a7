-- Orders by product take the cheapest in-stock unit first (ORDER BY price, id … SKIP LOCKED);
-- this index hands that unit over without sorting every unit of the product.
CREATE INDEX "t_devices_type_model_status_price_id_idx" ON "t_devices"("type", "model", "status", "price", "id");
