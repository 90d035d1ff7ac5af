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
import {
  accountLockout,
  clearAccountAttempts,
  consumeAccountAttempt,
  lockoutDuration,
  type AccountLockout,
  type LockoutPolicy,
} from "~/domain/staff/account-lockout.server";

export const SIGN_IN_LIMITS = {
  accountAttempts: 5,
  accountWindowSeconds: 15 * 60,
  firstLockoutSeconds: 60,
  maxLockoutSeconds: 60 * 60,
  lockoutMemorySeconds: 24 * 3600,
  ipAttempts: 50,
  ipWindowSeconds: 60,
} as const;

/** The per-account part, in the shape the shared lockout (account-lockout.server.ts) takes; MFA codes use the same. */
const ACCOUNT_POLICY: LockoutPolicy = {
  attempts: SIGN_IN_LIMITS.accountAttempts,
  windowSeconds: SIGN_IN_LIMITS.accountWindowSeconds,
  firstLockoutSeconds: SIGN_IN_LIMITS.firstLockoutSeconds,
  maxLockoutSeconds: SIGN_IN_LIMITS.maxLockoutSeconds,
  lockoutMemorySeconds: SIGN_IN_LIMITS.lockoutMemorySeconds,
};

export type AttemptCheck =
  | { allowed: true }
  /** `started`: this attempt is the one that crossed the limit (audit it once, not every refusal). */
  | { allowed: false; by: "account" | "ip"; retryAfterSeconds: number; started: boolean };

interface SignInLimiters {
  account: AccountLockout;
  ip: Limiter;
}

/** The limiters, from the app's one limiter factory (~/domain/common/rate-limits.server.ts). */
async function limitersFor(db: DB): Promise<SignInLimiters> {
  return {
    account: await accountLockout(db, { attempts: "rl_sign_in_account", lockouts: "rl_sign_in_lockouts" }, ACCOUNT_POLICY),
    ip: await rateLimiter(db, { table: "rl_sign_in_ip", points: SIGN_IN_LIMITS.ipAttempts, durationSeconds: SIGN_IN_LIMITS.ipWindowSeconds }),
  };
}

/** The lockout after the n-th time an account used up its attempts: 1 min, doubling, capped. */
export function lockoutSeconds(n: number): number {
  return lockoutDuration(ACCOUNT_POLICY, n);
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
    const attempt = await consumeAccountAttempt(limiters.account, email);
    return attempt.allowed ? attempt : { ...attempt, by: "account" };
  });
}

/** After a verified password: the account starts afresh and the IP gets its point back. */
export async function recordSignInSuccess(db: DB, email: string, ip: string): Promise<void> {
  const limiters = await limitersFor(db);
  await withLimiters(db, async () => {
    await clearAccountAttempts(limiters.account, email);
    await limiters.ip.reward(ip, 1);
  });
  await purgeExpiredSignInCounters(db);
}

/** Deletes counters whose window has passed (run after each sign-in; a purge job may call it too). */
export async function purgeExpiredSignInCounters(db: DB, nowMs: number = Date.now()): Promise<void> {
  const limiters = await limitersFor(db);
  await clearExpired(db, [limiters.account.attempts, limiters.account.lockouts, limiters.ip], nowMs);
}
