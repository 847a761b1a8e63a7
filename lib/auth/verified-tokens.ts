/**
 * Remembers which tokens already passed their cryptographic check, so a client that sends the
 * same bearer token or session cookie on every request pays for the check once, not each time.
 * The check (HMAC through WebCrypto for API tokens; key derivation and AES-GCM for next-auth's
 * session cookie) was about a tenth of a `POST /api/orders` in the CPU profile.
 *
 * Only what the check returned for a token that passed is kept, keyed by the whole token, so
 * nothing can be put here without a valid token. An entry lives until the token's own `exp` or
 * MAX_AGE_MS, whichever comes first. Revocation is not affected: it is checked after this, on
 * every use, against the user row (lib/auth/current-user.ts).
 */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;

export interface TokenMemo<Claims> {
  /** The claims of `token`, verified now or within the last minute; null when it fails the check. */
  verify(token: string): Promise<Claims | null>;
}

/**
 * `check` verifies a token and returns its claims (or null); `expiresAt` reads the claims' expiry
 * in seconds since the epoch (`exp`), if any.
 */
export function tokenMemo<Claims>(
  check: (token: string) => Promise<Claims | null>,
  expiresAt: (claims: Claims) => unknown,
  now: () => number = Date.now,
): TokenMemo<Claims> {
  const entries = new Map<string, { claims: Claims; until: number }>();
  return {
    async verify(token) {
      const hit = entries.get(token);
      if (hit && now() < hit.until) return hit.claims;
      if (hit) entries.delete(token);
      const claims = await check(token);
      if (claims === null) return null;
      const exp = expiresAt(claims);
      const until = Math.min(now() + MAX_AGE_MS, typeof exp === "number" ? exp * 1000 : Infinity);
      // A full map is emptied rather than tracked for age: a miss only costs one check.
      if (entries.size >= MAX_ENTRIES) entries.clear();
      if (until > now()) entries.set(token, { claims, until });
      return claims;
    },
  };
}
