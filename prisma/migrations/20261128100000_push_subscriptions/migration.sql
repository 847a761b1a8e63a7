-- Web Push subscriptions (lib/push): one row per browser a user turned alert notifications on
-- in. The endpoint is the push service's URL for that browser; p256dh and auth are the
-- browser's keys that the payload is encrypted to (RFC 8291).
CREATE TABLE "t_push_subscriptions" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "endpoint" VARCHAR(2048) NOT NULL,
    "p256dh" VARCHAR(200) NOT NULL,
    "auth" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "t_push_subscriptions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "t_push_subscriptions_endpoint_key" ON "t_push_subscriptions"("endpoint");
CREATE INDEX "t_push_subscriptions_user_id_idx" ON "t_push_subscriptions"("user_id");

ALTER TABLE "t_push_subscriptions" ADD CONSTRAINT "t_push_subscriptions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "t_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
