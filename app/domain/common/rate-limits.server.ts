/**
 * The one rate-limiter factory of the app (rate-limiter-flexible). Every limiter, the staff
 * sign-in throttle and the public budgets alike, is created by `rateLimiter()` on the app's own
 * database, and every call on a limiter runs inside `withLimiters()`.
 *
 * The store is chosen here and only here: today `RateLimiterSQLite` on the better-sqlite3
 * handle behind Kysely (`sqliteHandle(db)`). A PostgreSQL or Redis backend returns
 * `RateLimiterPostgres` / `RateLimiterRedis` from the same function; callers only see
 * rate-limiter-flexible's common `RateLimiterAbstract` API (consume, reward, penalty, block,
 * delete), so nothing else changes.
 *
 * Counters live in tables (`rl_*`), not in module state: the server entry and the Remix build
 * each load a copy of this module and both count in the same rows.
 */
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from "rate-limiter-flexible";
import { pgPool, sqliteHandle, type DB } from "../../../db/connection";
import { PUBLIC_BUDGETS, type ActionBudgets, type Budget, type PublicAction } from "~/domain/common/rate-budgets";

export type Limiter = RateLimiterAbstract;

export interface LimiterSpec {
  /** The counter table (`rl_…`); several limiters may share one table with different key prefixes. */
  table: string;
  /** Prefix of every key in the table; rate-limiter-flexible's default ("rlflx") when omitted. */
  keyPrefix?: string;
  points: number;
  durationSeconds: number;
}

const cache = new WeakMap<DB, Map<string, Promise<Limiter>>>();

/**
 * Runs fn while holding Kysely's single SQLite connection. The limiter writes through the same
 * better-sqlite3 handle; holding the connection means no Kysely transaction is open on it, so
 * a counter is committed on its own and cannot be rolled back with someone else's transaction,
 * and a sequence of limiter calls in fn (check one budget, then the next, refund) runs without
 * any other request's limiter call in between. fn must not use `db` itself (it would wait for
 * the connection it holds).
 */
export function withLimiters<T>(db: DB, fn: () => Promise<T>): Promise<T> {
  // PostgreSQL: each limiter call is one atomic upsert on the pg pool, committed on its own; holding
  // one of the same pool's connections here would only take a connection the limiter may need.
  if (pgPool(db)) return fn();
  return db.connection().execute(fn);
}

/** The limiter for one spec on one database, created once (its table too) and reused. */
export function rateLimiter(db: DB, spec: LimiterSpec): Promise<Limiter> {
  let byName = cache.get(db);
  if (!byName) {
    byName = new Map();
    cache.set(db, byName);
  }
  const name = `${spec.table}:${spec.keyPrefix ?? ""}:${spec.points}:${spec.durationSeconds}`;
  let limiter = byName.get(name);
  if (!limiter) {
    limiter = createStoreLimiter(db, spec);
    // A failed creation is not cached: the next call tries again.
    limiter.catch(() => byName.delete(name));
    byName.set(name, limiter);
  }
  return limiter;
}

/** The store choice: RateLimiterPostgres on a PostgreSQL database, RateLimiterSQLite otherwise (add Redis here). */
function createStoreLimiter(db: DB, spec: LimiterSpec): Promise<Limiter> {
  const pool = pgPool(db);
  if (pool) {
    // PostgreSQL (DATABASE_URL): the same counters on the app's pg pool, so limits hold across processes.
    const pgOptions = {
      storeClient: pool,
      storeType: "pool" as const,
      tableName: spec.table,
      points: spec.points,
      duration: spec.durationSeconds,
      ...(spec.keyPrefix !== undefined ? { keyPrefix: spec.keyPrefix } : {}),
    };
    const make = () =>
      new Promise<Limiter>((resolve, reject) => {
        const limiter: RateLimiterPostgres = new RateLimiterPostgres(pgOptions, (err?: Error) => (err ? reject(err) : resolve(limiter)));
      });
    // Limiters sharing a table (or two processes starting at once) race on CREATE TABLE IF NOT
    // EXISTS, which PostgreSQL can fail with "already exists" (42P07, or 42710 for its row type):
    // by then the table is there, so once more succeeds.
    return make().catch((err: unknown) => (["42P07", "42710", "23505"].includes(String((err as { code?: unknown })?.code)) ? make() : Promise.reject(err)));
  }
  const storeClient = sqliteHandle(db);
  if (!storeClient) throw new Error("Rate limiters need a database opened with createDb()");
  const options = {
    storeClient,
    storeType: "better-sqlite3" as const,
    tableName: spec.table,
    points: spec.points,
    duration: spec.durationSeconds,
    ...(spec.keyPrefix !== undefined ? { keyPrefix: spec.keyPrefix } : {}),
  };
  // The constructor creates its table (CREATE TABLE IF NOT EXISTS) and calls back when done.
  return withLimiters(
    db,
    () =>
      new Promise<Limiter>((resolve, reject) => {
        const limiter: RateLimiterSQLite = new RateLimiterSQLite(options, (err?: Error) => (err ? reject(err) : resolve(limiter)));
      }),
  );
}

/** A refusal thrown by consume(); anything else (a store error) is rethrown, so a limit fails closed. */
export function refusalOf(err: unknown): RateLimiterRes {
  if (err instanceof RateLimiterRes) return err;
  throw err;
}

/** Whole seconds until a refused key may try again (at least 1). */
export const retryAfterSeconds = (res: Pick<RateLimiterRes, "msBeforeNext">): number => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Deletes counters whose window has passed, in the given limiters' tables. */
export async function clearExpired(db: DB, limiters: readonly Limiter[], nowMs: number = Date.now()): Promise<void> {
  await withLimiters(db, async () => {
    for (const limiter of limiters) {
      const clear = (limiter as Limiter & { clearExpired?: (expire: number) => Promise<void> }).clearExpired;
      if (clear) await clear.call(limiter, nowMs);
    }
  });
}

/* ------------------------------------------------------------------------------------------ */
/* The public budgets (~/domain/common/rate-budgets.ts): per device, per IP, per IP and target. */

/** One table for every public budget; each budget is a key prefix in it. */
const PUBLIC_TABLE = "rl_public";

export type BudgetDecision = { ok: true } | { ok: false; by: "device" | "ip"; retryAfterSeconds: number };

export interface Requester {
  /** The resident's device id (`tryggve_pid`); null for a socket without the cookie. */
  device: string | null;
  /** The client address (TRUST_PROXY decides which). */
  ip: string;
  /** What the action aims at, for budgets per IP and target (a question id). */
  target?: string | number;
}

/**
 * The key an address is counted under: IPv4 as is (also when IPv4-mapped, `::ffff:1.2.3.4`),
 * IPv6 by its /64 prefix, since one household or phone gets a whole /64 and could otherwise
 * rotate addresses as easily as cookies.
 */
export function ipKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

function publicLimiters(db: DB, action: PublicAction) {
  const b: ActionBudgets = PUBLIC_BUDGETS[action];
  const make = (scope: string, budget: Budget) =>
    rateLimiter(db, { table: PUBLIC_TABLE, keyPrefix: `${action}:${scope}`, points: budget.points, durationSeconds: budget.seconds });
  return Promise.all([make("device", b.device), make("ip", b.ip), b.ipPerTarget ? make("ip-target", b.ipPerTarget) : null]);
}

/**
 * Counts one public request against its action's budgets, atomically, before anything is
 * written: the device budget, then the address, then the address per target. A refusal gives
 * back the points the earlier budgets took, so a script refused for its own device does not use
 * up the room's shared address, and a room refused at the address keeps its devices' budgets.
 * The whole sequence runs while holding the database connection, so requests sent at once are
 * counted one after another and exactly the budget gets through.
 */
export async function consumePublicBudget(db: DB, action: PublicAction, who: Requester): Promise<BudgetDecision> {
  const [device, ip, ipTarget] = await publicLimiters(db, action);
  const address = ipKey(who.ip);
  const steps: Array<{ limiter: Limiter; key: string; by: "device" | "ip" }> = [];
  if (who.device) steps.push({ limiter: device, key: who.device, by: "device" });
  steps.push({ limiter: ip, key: address, by: "ip" });
  if (ipTarget && who.target !== undefined) steps.push({ limiter: ipTarget, key: `${address}|${who.target}`, by: "ip" });
  return withLimiters(db, async () => {
    const taken: Array<{ limiter: Limiter; key: string }> = [];
    for (const step of steps) {
      try {
        await step.limiter.consume(step.key);
        taken.push(step);
      } catch (err) {
        const res = refusalOf(err);
        for (const t of taken) await t.limiter.reward(t.key, 1);
        return { ok: false, by: step.by, retryAfterSeconds: retryAfterSeconds(res) };
      }
    }
    return { ok: true };
  });
}

/** Deletes expired public counters (the periodic job may call it). */
export async function purgeExpiredPublicCounters(db: DB, nowMs: number = Date.now()): Promise<void> {
  const all = await Promise.all((Object.keys(PUBLIC_BUDGETS) as PublicAction[]).map((a) => publicLimiters(db, a)));
  // They share one table: clearing through one limiter clears them all.
  await clearExpired(db, [all[0]![0]], nowMs);
}

/** What a domain function answers when its gate (a public budget) refused the request. */
export type BudgetRefusal = { ok: false; error: "too_many_requests"; retryAfterSeconds: number };

/** A check a domain function runs after its replay check and before it writes anything. */
export type BudgetCheck = () => Promise<BudgetRefusal | null>;
