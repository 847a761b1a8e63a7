-- Counters of rate-limiter-flexible's PostgreSQL store (sign-in, registration, order creation).
-- Replaces the per-attempt rows of t_login_attempts, which were never deleted.
CREATE TABLE "t_rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,
    CONSTRAINT "t_rate_limits_pkey" PRIMARY KEY ("key")
);

DROP TABLE "t_login_attempts";
