import { SignJWT, jwtVerify } from "jose";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./passwords";
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from "./login-throttle";
import { toRole, type SessionUser } from "./permissions";
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

/** Checks a password, counting failures; throws 429 past the limit and 401 on a wrong password. */
export async function authenticate(email: string, password: string, ip?: string): Promise<SessionUser> {
  await assertLoginAllowed(email, ip);
  const user = await db().user.findUnique({ where: { email } });
  // Compare even when the user is missing so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? "$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva");
  if (!user || !ok) {
    await recordLoginFailure(email, ip);
    throw new AppError("unauthorized", "Wrong email or password");
  }
  await clearLoginFailures(email);
  return toSessionUser(user);
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

const secretKey = () => new TextEncoder().encode(config().AUTH_SECRET);
const ISSUER = "device-store";
const AUDIENCE = "device-store-api";

/** A bearer token for scripts and other programs; every /api route accepts it. */
export async function issueApiToken(user: SessionUser): Promise<{ token: string; expiresAt: string }> {
  const ttl = config().API_TOKEN_TTL_SEC;
  const expiresAt = new Date(Date.now() + ttl * 1000);
  const token = await new SignJWT({ email: user.email, name: user.name, role: user.role })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(String(user.id))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(secretKey());
  return { token, expiresAt: expiresAt.toISOString() };
}

export async function verifyApiToken(token: string): Promise<SessionUser | null> {
  try {
    const { payload } = await jwtVerify(token, secretKey(), { issuer: ISSUER, audience: AUDIENCE });
    const id = Number(payload.sub);
    if (!Number.isSafeInteger(id)) return null;
    return toSessionUser({
      id,
      email: String(payload.email ?? ""),
      name: String(payload.name ?? ""),
      role: String(payload.role ?? ""),
    });
  } catch {
    return null;
  }
}

export { toSessionUser };
