-- (type, model, status) is a prefix of the order-pick index (type, model, status, price, id).
-- With statistics that lag behind a bulk insert, the planner chose the shorter one and sorted
-- every in-stock unit of the product to pick the cheapest (9 ms for 8,000 units, on every
-- order); without it, a pick reads the first entries of the longer index, in order.
DROP INDEX IF EXISTS "t_devices_type_model_status_idx";
