/**
 * The budget for second-factor codes (TOTP and recovery codes, at sign-in and wherever a code
 * confirms a change): per account, like passwords (account-lockout.server.ts), 5 attempts per
 * 15 minutes, then a lockout of 1 minute doubling up to 1 hour. Counted before the code is
 * checked, so parallel guesses cannot slip past it. Separate from the password budget: a
 * correct password does not reset it, only a correct code does.
 */
import type { DB } from "../../../db/connection";
import { withLimiters } from "~/domain/common/rate-limits.server";
import {
  accountLockout,
  clearAccountAttempts,
  consumeAccountAttempt,
  purgeAccountLockout,
  type AccountAttempt,
  type LockoutPolicy,
} from "~/domain/staff/account-lockout.server";

export const MFA_LIMITS: LockoutPolicy = {
  attempts: 5,
  windowSeconds: 15 * 60,
  firstLockoutSeconds: 60,
  maxLockoutSeconds: 60 * 60,
  lockoutMemorySeconds: 24 * 3600,
};

const budgetFor = (db: DB) => accountLockout(db, { attempts: "rl_mfa_account", lockouts: "rl_mfa_lockouts" }, MFA_LIMITS);
const keyFor = (staffId: number) => `staff:${staffId}`;

/** Counts one code attempt for the account, atomically, before the code is checked. */
export async function checkMfaAttempt(db: DB, staffId: number): Promise<AccountAttempt> {
  const budget = await budgetFor(db);
  return withLimiters(db, () => consumeAccountAttempt(budget, keyFor(staffId)));
}

/** After a correct code: the account's code budget starts afresh. */
export async function recordMfaSuccess(db: DB, staffId: number): Promise<void> {
  const budget = await budgetFor(db);
  await withLimiters(db, () => clearAccountAttempts(budget, keyFor(staffId)));
  await purgeAccountLockout(db, budget);
}
