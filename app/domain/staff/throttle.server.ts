/**
 * Sign-in throttling with rate-limiter-flexible, through the app's one limiter factory
 * (~/domain/common/rate-limits.server.ts). Every attempt is counted with one atomic upsert BEFORE the password is verified,
 * so parallel attempts cannot all read "not yet throttled" and then all get a try.
 *
 * - Per account (the e-mail as typed, known or not): 5 attempts per 15 minutes, then a
 *   lockout of 1 minute that doubles with each further lockout (2, 4, 8 ... capped at 1 hour);
 *   lockouts are remembered for 24 hours. A successful sign-in clears both.
 * - Per IP: 50 failed attempts per minute, across accounts (a success gives its point back),
 *   so one noisy colleague behind the office NAT does not lock the others out.
 */
import type { DB } from "../../../db/connection";
import { clearExpired, rateLimiter, refusalOf, retryAfterSeconds, withLimiters, type Limiter } from "~/domain/common/rate-limits.server";

export const SIGN_IN_LIMITS = {
  accountAttempts: 5,
  accountWindowSeconds: 15 * 60,
  firstLockoutSeconds: 60,
  maxLockoutSeconds: 60 * 60,
  lockoutMemorySeconds: 24 * 3600,
  ipAttempts: 50,
  ipWindowSeconds: 60,
} as const;

export type AttemptCheck =
  | { allowed: true }
  /** `started`: this attempt is the one that crossed the limit (audit it once, not every refusal). */
  | { allowed: false; by: "account" | "ip"; retryAfterSeconds: number; started: boolean };

interface SignInLimiters {
  account: Limiter;
  lockouts: Limiter;
  ip: Limiter;
}

/** The three limiters, from the app's one limiter factory (~/domain/common/rate-limits.server.ts). */
async function limitersFor(db: DB): Promise<SignInLimiters> {
  const L = SIGN_IN_LIMITS;
  return {
    account: await rateLimiter(db, { table: "rl_sign_in_account", points: L.accountAttempts, durationSeconds: L.accountWindowSeconds }),
    // Never refuses by itself: it only counts lockouts, for the doubling.
    lockouts: await rateLimiter(db, { table: "rl_sign_in_lockouts", points: Number.MAX_SAFE_INTEGER, durationSeconds: L.lockoutMemorySeconds }),
    ip: await rateLimiter(db, { table: "rl_sign_in_ip", points: L.ipAttempts, durationSeconds: L.ipWindowSeconds }),
  };
}

/** The lockout after the n-th time an account used up its attempts: 1 min, doubling, capped. */
export function lockoutSeconds(n: number): number {
  return Math.min(SIGN_IN_LIMITS.firstLockoutSeconds * 2 ** Math.max(0, n - 1), SIGN_IN_LIMITS.maxLockoutSeconds);
}

/**
 * Checks and counts one sign-in attempt, atomically, before any password is verified. Unknown
 * and known accounts are counted alike, so the answer never tells them apart.
 */
export async function checkSignInAttempt(db: DB, email: string, ip: string): Promise<AttemptCheck> {
  const limiters = await limitersFor(db);
  return withLimiters(db, async () => {
    try {
      await limiters.ip.consume(ip);
    } catch (err) {
      const res = refusalOf(err);
      return { allowed: false, by: "ip", retryAfterSeconds: retryAfterSeconds(res), started: res.consumedPoints === SIGN_IN_LIMITS.ipAttempts + 1 };
    }
    try {
      await limiters.account.consume(email);
      return { allowed: true };
    } catch (err) {
      const res = refusalOf(err);
      // Exactly one attempt sees the counter step past the limit (the upsert is atomic): it
      // starts the lockout. The ones after it see a higher count and are simply refused.
      if (res.consumedPoints !== SIGN_IN_LIMITS.accountAttempts + 1) {
        return { allowed: false, by: "account", retryAfterSeconds: retryAfterSeconds(res), started: false };
      }
      const n = (await limiters.lockouts.penalty(email)).consumedPoints;
      const lock = lockoutSeconds(n);
      await limiters.account.block(email, lock);
      return { allowed: false, by: "account", retryAfterSeconds: lock, started: true };
    }
  });
}

/** After a verified password: the account starts afresh and the IP gets its point back. */
export async function recordSignInSuccess(db: DB, email: string, ip: string): Promise<void> {
  const limiters = await limitersFor(db);
  await withLimiters(db, async () => {
    await limiters.account.delete(email);
    await limiters.lockouts.delete(email);
    await limiters.ip.reward(ip, 1);
  });
  await purgeExpiredSignInCounters(db);
}

/** Deletes counters whose window has passed (run after each sign-in; a purge job may call it too). */
export async function purgeExpiredSignInCounters(db: DB, nowMs: number = Date.now()): Promise<void> {
  const limiters = await limitersFor(db);
  await clearExpired(db, [limiters.account, limiters.lockouts, limiters.ip], nowMs);
}
