/**
 * A per-account attempt budget with a growing lockout, shared by the sign-in throttle
 * (passwords, throttle.server.ts) and the MFA throttle (codes, mfa-throttle.server.ts). Built on
 * the app's one limiter factory (~/domain/common/rate-limits.server.ts).
 *
 * `attempts` tries per `windowSeconds`; the attempt after that starts a lockout of
 * `firstLockoutSeconds`, doubling with each further lockout (2, 4, 8 …) up to
 * `maxLockoutSeconds`; lockouts are remembered `lockoutMemorySeconds`. Every attempt is counted
 * with one atomic upsert before anything is verified, so attempts sent at once are numbered one
 * by one and only those within the budget get checked.
 */
import type { DB } from "../../../db/connection";
import { clearExpired, rateLimiter, refusalOf, retryAfterSeconds, type Limiter } from "~/domain/common/rate-limits.server";

export interface LockoutPolicy {
  attempts: number;
  windowSeconds: number;
  firstLockoutSeconds: number;
  maxLockoutSeconds: number;
  lockoutMemorySeconds: number;
}

export interface AccountLockout {
  policy: LockoutPolicy;
  attempts: Limiter;
  /** Never refuses by itself: it only counts lockouts, for the doubling. */
  lockouts: Limiter;
}

export type AccountAttempt =
  | { allowed: true }
  /** `started`: this attempt is the one that crossed the limit (audit it once, not every refusal). */
  | { allowed: false; retryAfterSeconds: number; started: boolean };

/** The two limiters of one budget, in tables `<table>` and `<lockoutTable>`. */
export async function accountLockout(db: DB, tables: { attempts: string; lockouts: string }, policy: LockoutPolicy): Promise<AccountLockout> {
  return {
    policy,
    attempts: await rateLimiter(db, { table: tables.attempts, points: policy.attempts, durationSeconds: policy.windowSeconds }),
    lockouts: await rateLimiter(db, { table: tables.lockouts, points: Number.MAX_SAFE_INTEGER, durationSeconds: policy.lockoutMemorySeconds }),
  };
}

/** The lockout after the n-th time an account used up its attempts: the first one, doubling, capped. */
export function lockoutDuration(policy: LockoutPolicy, n: number): number {
  return Math.min(policy.firstLockoutSeconds * 2 ** Math.max(0, n - 1), policy.maxLockoutSeconds);
}

/** Counts one attempt for `key`. Call inside `withLimiters(db, …)`. */
export async function consumeAccountAttempt(budget: AccountLockout, key: string): Promise<AccountAttempt> {
  try {
    await budget.attempts.consume(key);
    return { allowed: true };
  } catch (err) {
    const res = refusalOf(err);
    // Exactly one attempt sees the counter step past the limit (the upsert is atomic): it
    // starts the lockout. The ones after it see a higher count and are simply refused.
    if (res.consumedPoints !== budget.policy.attempts + 1) return { allowed: false, retryAfterSeconds: retryAfterSeconds(res), started: false };
    const n = (await budget.lockouts.penalty(key)).consumedPoints;
    const lock = lockoutDuration(budget.policy, n);
    await budget.attempts.block(key, lock);
    return { allowed: false, retryAfterSeconds: lock, started: true };
  }
}

/** After a verified attempt: the account starts afresh. Call inside `withLimiters(db, …)`. */
export async function clearAccountAttempts(budget: AccountLockout, key: string): Promise<void> {
  await budget.attempts.delete(key);
  await budget.lockouts.delete(key);
}

/** Deletes the budget's expired counters. */
export function purgeAccountLockout(db: DB, budget: AccountLockout, nowMs?: number): Promise<void> {
  return clearExpired(db, [budget.attempts, budget.lockouts], nowMs);
}
