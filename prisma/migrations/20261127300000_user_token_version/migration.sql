-- Sessions and API tokens carry the user's token version; bumping it (sign-out, password or
-- role change) revokes every token issued before.
ALTER TABLE "t_users" ADD COLUMN "token_version" INTEGER NOT NULL DEFAULT 0;
