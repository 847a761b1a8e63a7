import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Failed sign-ins are counted per email and per client address in PostgreSQL, so the limit
 * holds across any number of web instances. Past the limit, sign-in answers 429 until the
 * window has slid past the failures.
 */
const keysFor = (email: string, ip: string | undefined) =>
  [`email:${email}`, ...(ip ? [`ip:${ip}`] : [])];

export async function assertLoginAllowed(email: string, ip: string | undefined): Promise<void> {
  const { LOGIN_MAX_FAILURES, LOGIN_WINDOW_SEC } = config();
  const since = new Date(Date.now() - LOGIN_WINDOW_SEC * 1000);
  for (const key of keysFor(email, ip)) {
    // The address limit is looser: several people may share one address.
    const limit = key.startsWith("ip:") ? LOGIN_MAX_FAILURES * 4 : LOGIN_MAX_FAILURES;
    const failures = await db().loginAttempt.count({ where: { key, attemptedAt: { gte: since } } });
    if (failures >= limit) {
      throw new AppError("rate_limited", "Too many failed sign-in attempts; try again later");
    }
  }
}

export async function recordLoginFailure(email: string, ip: string | undefined): Promise<void> {
  await db().loginAttempt.createMany({ data: keysFor(email, ip).map((key) => ({ key })) });
}

export async function clearLoginFailures(email: string): Promise<void> {
  await db().loginAttempt.deleteMany({ where: { key: `email:${email}` } });
}
