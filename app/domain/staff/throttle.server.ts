/**
 * Sign-in throttling with rate-limiter-flexible's SQLite store, on the app's own database
 * handle. Every attempt is counted with one atomic upsert BEFORE the password is verified,
 * so parallel attempts cannot all read "not yet throttled" and then all get a try.
 *
 * - Per account (the e-mail as typed, known or not): 5 attempts per 15 minutes, then a
 *   lockout of 1 minute that doubles with each further lockout (2, 4, 8 ... capped at 1 hour);
 *   lockouts are remembered for 24 hours. A successful sign-in clears both.
 * - Per IP: 50 failed attempts per minute, across accounts (a success gives its point back),
 *   so one noisy colleague behind the office NAT does not lock the others out.
 */
import { RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import { sqliteHandle, type DB } from "../../../db/connection";

export const SIGN_IN_LIMITS = {
  accountAttempts: 5,
  accountWindowSeconds: 15 * 60,
  firstLockoutSeconds: 60,
  maxLockoutSeconds: 60 * 60,
  lockoutMemorySeconds: 24 * 3600,
  ipAttempts: 50,
  ipWindowSeconds: 60,
} as const;

const TABLES = ["rl_sign_in_account", "rl_sign_in_lockouts", "rl_sign_in_ip"] as const;

export type AttemptCheck =
  | { allowed: true }
  /** `started`: this attempt is the one that crossed the limit (audit it once, not every refusal). */
  | { allowed: false; by: "account" | "ip"; retryAfterSeconds: number; started: boolean };

interface SignInLimiters {
  account: RateLimiterSQLite;
  lockouts: RateLimiterSQLite;
  ip: RateLimiterSQLite;
}

/**
 * The limiter objects for one database. They hold configuration only: every counter lives in
 * the rl_sign_in_* tables, so a second copy of this module (server entry and Remix build)
 * counts in the same rows.
 */
const cache = new WeakMap<DB, Promise<SignInLimiters>>();

/**
 * Runs fn while holding Kysely's single SQLite connection. The limiter writes through the same
 * better-sqlite3 handle; holding the connection means no Kysely transaction is open on it, so
 * a counter is committed on its own and cannot be rolled back with someone else's transaction.
 * fn must not use `db` itself (it would wait for the connection it holds).
 */
function exclusive<T>(db: DB, fn: () => Promise<T>): Promise<T> {
  return db.connection().execute(fn);
}

function limitersFor(db: DB): Promise<SignInLimiters> {
  let limiters = cache.get(db);
  if (!limiters) {
    limiters = createLimiters(db);
    cache.set(db, limiters);
  }
  return limiters;
}

function createLimiters(db: DB): Promise<SignInLimiters> {
  const storeClient = sqliteHandle(db);
  if (!storeClient) throw new Error("The sign-in throttle needs a database opened with createDb()");
  // The constructor creates its table (CREATE TABLE IF NOT EXISTS) and calls back when done.
  const make = (tableName: string, points: number, duration: number) =>
    new Promise<RateLimiterSQLite>((resolve, reject) => {
      const limiter: RateLimiterSQLite = new RateLimiterSQLite({ storeClient, storeType: "better-sqlite3", tableName, points, duration }, (err?: Error) =>
        err ? reject(err) : resolve(limiter),
      );
    });
  const L = SIGN_IN_LIMITS;
  return exclusive(db, async () => ({
    account: await make(TABLES[0], L.accountAttempts, L.accountWindowSeconds),
    // Never refuses by itself: it only counts lockouts, for the doubling.
    lockouts: await make(TABLES[1], Number.MAX_SAFE_INTEGER, L.lockoutMemorySeconds),
    ip: await make(TABLES[2], L.ipAttempts, L.ipWindowSeconds),
  }));
}

/** A refusal from consume(); anything else (a store error) is rethrown, so sign-in fails closed. */
function refusal(err: unknown): RateLimiterRes {
  if (err instanceof RateLimiterRes) return err;
  throw err;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

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
  return exclusive(db, async () => {
    try {
      await limiters.ip.consume(ip);
    } catch (err) {
      const res = refusal(err);
      return { allowed: false, by: "ip", retryAfterSeconds: seconds(res.msBeforeNext), started: res.consumedPoints === SIGN_IN_LIMITS.ipAttempts + 1 };
    }
    try {
      await limiters.account.consume(email);
      return { allowed: true };
    } catch (err) {
      const res = refusal(err);
      // Exactly one attempt sees the counter step past the limit (the upsert is atomic): it
      // starts the lockout. The ones after it see a higher count and are simply refused.
      if (res.consumedPoints !== SIGN_IN_LIMITS.accountAttempts + 1) {
        return { allowed: false, by: "account", retryAfterSeconds: seconds(res.msBeforeNext), started: false };
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
  await exclusive(db, async () => {
    await limiters.account.delete(email);
    await limiters.lockouts.delete(email);
    await limiters.ip.reward(ip, 1);
  });
  await purgeExpiredSignInCounters(db);
}

/** Deletes counters whose window has passed (run after each sign-in; a purge job may call it too). */
export async function purgeExpiredSignInCounters(db: DB, nowMs: number = Date.now()): Promise<void> {
  await limitersFor(db); // the tables exist from here on
  const handle = sqliteHandle(db);
  if (!handle) return;
  await exclusive(db, async () => {
    for (const table of TABLES) handle.prepare(`DELETE FROM ${table} WHERE expire < ?`).run(nowMs);
  });
}
