import { SignJWT, jwtVerify, type JWTPayload } from "jose";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { currentTokenVersion, forgetCachedUser, userForToken } from "./current-user";
import { dummyHash, hashPassword, needsRehash, verifyPassword } from "./passwords";
import { reserveLoginAttempt } from "./throttle";
import { toRole, type Role, type SessionUser } from "./permissions";
import { tokenMemo, type TokenMemo } from "./verified-tokens";
import type { RegisterInput } from "./schemas";

const toSessionUser = (u: { id: number; email: string; name: string; role: string }): SessionUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: toRole(u.role),
});

export async function registerCustomer(input: RegisterInput): Promise<SessionUser> {
  const existing = await db().user.findUnique({ where: { email: input.email } });
  if (existing) throw new AppError("conflict", "An account with this email already exists", { field: "email" });
  const user = await db().user.create({
    data: { email: input.email, name: input.name, role: "CUSTOMER", passwordHash: await hashPassword(input.password) },
  });
  return toSessionUser(user);
}

/**
 * Checks a password after reserving the attempt (lib/auth/throttle.ts): 429 past the limits,
 * 401 on a wrong password or an unknown email (alike).
 */
export async function authenticate(email: string, password: string, address: string): Promise<SessionUser & { tokenVersion: number }> {
  const reservation = await reserveLoginAttempt(email, address);
  const user = await db().user.findUnique({ where: { email } });
  // Compare even when the user is missing so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) throw new AppError("unauthorized", "Wrong email or password");
  await reservation.succeeded();
  if (needsRehash(user.passwordHash)) {
    await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  return { ...toSessionUser(user), tokenVersion: user.tokenVersion };
}

/**
 * Changes the caller's password after checking the current one, and revokes every session and
 * API token issued before (including the one used for this request).
 */
export async function changePassword(userId: number, currentPassword: string, newPassword: string): Promise<void> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("unauthorized", "Sign in again");
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new AppError("validation_failed", "Invalid input — currentPassword: is not your current password", {
      fields: [{ field: "currentPassword", message: "is not your current password" }],
    });
  }
  const passwordHash = await hashPassword(newPassword);
  await db().user.update({ where: { id: userId }, data: { passwordHash, tokenVersion: { increment: 1 } } });
  forgetCachedUser(userId);
}

/** Changes a user's role; their existing tokens stop working so the new role applies at once. */
export async function changeUserRole(userId: number, role: Role): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { role, tokenVersion: { increment: 1 } } });
  forgetCachedUser(userId);
}

/**
 * Creates the admin account from ADMIN_EMAIL / ADMIN_PASSWORD the first time only: a password
 * changed since (PUT /api/auth/password) must survive restarts, so an existing account is left
 * alone.
 */
export async function ensureAdmin(email: string, password: string, name = "Administrator"): Promise<{ user: SessionUser; created: boolean }> {
  const existing = await db().user.findUnique({ where: { email: email.toLowerCase() } });
  if (existing) return { user: toSessionUser(existing), created: false };
  const passwordHash = await hashPassword(password);
  const user = await db().user.upsert({
    where: { email: email.toLowerCase() },
    create: { email: email.toLowerCase(), name, role: "ADMIN", passwordHash },
    update: {},
  });
  return { user: toSessionUser(user), created: true };
}

// The key bytes once per secret (encoding them on every verify showed in the profile). jose 6
// verifies fastest from raw bytes: a KeyObject measured 40 % slower.
let signingKey: { secret: string; key: Uint8Array } | undefined;
function secretKey(): Uint8Array {
  const secret = config().AUTH_SECRET;
  if (signingKey?.secret !== secret) signingKey = { secret, key: new TextEncoder().encode(secret) };
  return signingKey.key;
}
const ISSUER = "device-store";
const AUDIENCE = "device-store-api";

/** A bearer token for scripts and other programs; every /api route accepts it. */
export async function issueApiToken(user: SessionUser): Promise<{ token: string; expiresAt: string }> {
  const ttl = config().API_TOKEN_TTL_SEC;
  const expiresAt = new Date(Date.now() + ttl * 1000);
  const tv = await currentTokenVersion(user.id);
  const token = await new SignJWT({ tv })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(String(user.id))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(secretKey());
  return { token, expiresAt: expiresAt.toISOString() };
}

/** The token's user as the database has them now; null when forged, expired, revoked or deleted. */
export async function verifyApiToken(token: string): Promise<SessionUser | null> {
  const payload = await verifiedApiTokens().verify(token);
  if (!payload) return null;
  const id = /^[1-9][0-9]{0,9}$/.test(String(payload.sub)) ? Number(payload.sub) : NaN;
  return userForToken(id, payload.tv);
}

// Signature, issuer, audience and expiry once per token (lib/auth/verified-tokens.ts); one memo per secret.
let apiTokenMemo: { secret: Uint8Array; memo: TokenMemo<JWTPayload> } | undefined;
function verifiedApiTokens(): TokenMemo<JWTPayload> {
  const secret = secretKey();
  if (apiTokenMemo?.secret !== secret) {
    const check = async (token: string) => {
      try {
        return (await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] })).payload;
      } catch {
        return null;
      }
    };
    apiTokenMemo = { secret, memo: tokenMemo(check, (payload) => payload.exp) };
  }
  return apiTokenMemo.memo;
}

export { toSessionUser };
