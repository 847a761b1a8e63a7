import { db } from "@/lib/db";
import { toRole, type SessionUser } from "./permissions";

/**
 * Every session cookie and API token names a user id and the token version it was issued
 * under. Each use is checked against the user row, so a deleted user, a signed-out session, a
 * changed password or a changed role stops a token at once; the role always comes from the
 * database. Rows are cached briefly per process: revocation is immediate on the instance that
 * revoked and takes at most CACHE_MS elsewhere.
 */
const CACHE_MS = 5_000;
const MAX_ENTRIES = 5_000;

interface AuthRow {
  user: SessionUser;
  tokenVersion: number;
}

const cache = new Map<number, { row: AuthRow | null; at: number }>();

async function loadAuthRow(id: number, atLeastVersion = -1): Promise<AuthRow | null> {
  const hit = cache.get(id);
  // Versions only grow: a token newer than the cached row means the cache is stale, not the token.
  if (hit && Date.now() - hit.at < CACHE_MS && (hit.row?.tokenVersion ?? -1) >= atLeastVersion) return hit.row;
  const row = await db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, tokenVersion: true } });
  const value = row ? { user: { id: row.id, email: row.email, name: row.name, role: toRole(row.role) }, tokenVersion: row.tokenVersion } : null;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(id, { row: value, at: Date.now() });
  return value;
}

/** The user a token stands for, or null when the user is gone or the token was revoked. */
export async function userForToken(userId: unknown, tokenVersion: unknown): Promise<SessionUser | null> {
  if (typeof userId !== "number" || !Number.isSafeInteger(userId) || userId <= 0 || userId > 2_147_483_647) return null;
  if (typeof tokenVersion !== "number") return null;
  const row = await loadAuthRow(userId, tokenVersion);
  if (!row || row.tokenVersion !== tokenVersion) return null;
  return row.user;
}

/** The version new tokens for this user are issued under. */
export async function currentTokenVersion(userId: number): Promise<number> {
  cache.delete(userId);
  const row = await loadAuthRow(userId);
  return row?.tokenVersion ?? -1;
}

/** Revokes every session and API token of the user (sign-out, password or role change). */
export async function revokeTokens(userId: number): Promise<void> {
  await db().user.updateMany({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } });
  cache.delete(userId);
}

export const forgetCachedUser = (userId: number) => cache.delete(userId);
