import { createHash } from "node:crypto";
import { config } from "@/lib/config";
import { consumeOrThrow, isLimited, limiter, rateLimited } from "@/lib/rate-limit";

/**
 * Sign-in throttling that resists guessing without handing anyone a lockout button:
 * - per (email, address) pair: LOGIN_MAX_FAILURES wrong passwords, then that pair waits out
 *   LOGIN_WINDOW_SEC — the owner signing in from anywhere else is unaffected;
 * - per address: past LOGIN_ADDRESS_FREE_FAILURES net failures, each further try waits twice
 *   as long as the last (2, 4, 8 … s, at most LOGIN_WINDOW_SEC), so spraying many accounts
 *   from one address slows to a crawl.
 * Each attempt is reserved (atomically, in PostgreSQL) before the password is checked, so 40
 * parallel tries evaluate at most LOGIN_MAX_FAILURES passwords. A success gives the
 * reservation back.
 */
const hash = (value: string) => createHash("sha256").update(value).digest("hex");

function limiters() {
  const { LOGIN_MAX_FAILURES, LOGIN_WINDOW_SEC } = config();
  return {
    pair: limiter("login_pair", LOGIN_MAX_FAILURES, LOGIN_WINDOW_SEC),
    address: limiter("login_addr", 1_000_000, LOGIN_WINDOW_SEC),
    gate: limiter("login_gate", 1, 1),
  };
}

export interface LoginReservation {
  /** The password was right: the attempt does not count against the pair or the address. */
  succeeded(): Promise<void>;
}

export async function reserveLoginAttempt(email: string, address: string): Promise<LoginReservation> {
  const { LOGIN_ADDRESS_FREE_FAILURES, LOGIN_WINDOW_SEC } = config();
  const { pair, address: perAddress, gate } = limiters();
  const pairKey = hash(`${email}\n${address}`);
  const addressKey = hash(address);
  try {
    await pair.consume(pairKey);
  } catch (error) {
    if (isLimited(error)) {
      // Refused unread, so it must not count: otherwise a burst of right passwords (a script
      // signing in in parallel) would keep the pair locked after every one of them succeeded.
      await pair.reward(pairKey);
      throw rateLimited("Too many failed sign-ins for this account from your address", error.msBeforeNext);
    }
    throw error;
  }
  const counted = await perAddress.consume(addressKey);
  const over = counted.consumedPoints - LOGIN_ADDRESS_FREE_FAILURES;
  if (over > 0) {
    try {
      await gate.consume(addressKey, 1, { customDuration: Math.min(2 ** Math.min(over, 20), LOGIN_WINDOW_SEC) });
    } catch (error) {
      // Refused unread: this try does not count, so waiting is enough to get the next one.
      await Promise.all([perAddress.reward(addressKey), pair.reward(pairKey)]);
      if (isLimited(error)) throw rateLimited("Too many failed sign-ins from your address", error.msBeforeNext);
      throw error;
    }
  }
  return {
    async succeeded() {
      await Promise.all([pair.delete(pairKey), perAddress.reward(addressKey)]);
    },
  };
}

/** Self-registration: REGISTER_MAX_PER_HOUR accounts per address per hour. */
export async function reserveRegistration(address: string): Promise<void> {
  await consumeOrThrow(limiter("register", config().REGISTER_MAX_PER_HOUR, 3600), hash(address), "Too many new accounts from your address");
}
