-- Human-readable order numbers (ORD-2026-000123) come from one sequence: unique without a
-- retry loop, and gaps (a rolled-back order) are harmless.
CREATE SEQUENCE "t_orders_number_seq" START WITH 1 INCREMENT BY 1 NO CYCLE;
