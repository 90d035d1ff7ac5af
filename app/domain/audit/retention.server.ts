/**
 * How long Tryggve keeps what it records about people signing in and acting, exactly as the
 * privacy page (/integritet, app/content/privacy.tsx) says, enforced by the periodic job
 * (runDialogueJobsOnce → purgeExpiredRecords):
 *
 * - the audit log: two years, then deleted;
 * - entries about someone who is not a signed-in staff member and that carry an IP address (a
 *   failed or throttled sign-in with the e-mail that was typed, a resident's refused staff event,
 *   a refused single sign-on): 24 hours. Failed and throttled sign-ins are kept 24 hours also when
 *   they name an account (the current-password check of a password change);
 * - staff sessions: deleted as soon as they stop signing anyone in (idle timeout or absolute
 *   lifetime, SESSION_IDLE_MINUTES / SESSION_ABSOLUTE_HOURS);
 * - sign-in counters (rate-limiter-flexible) once their window has passed (at most 24 hours), and
 *   the old per-attempt table `login_attempts` (no longer written) after 24 hours.
 *
 * Other kinds have their own purge next to their rules and are called by the same job:
 * registrations' contact details (purgeExpiredContacts), e-mail in the outbox (purgeOutbox),
 * accessibility report contacts (purgeOldReportContacts), unconfirmed measure followers
 * (purgeUnconfirmedFollowers), public limit counters and e-mail quotas.
 */
import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
import { purgeExpiredSignInCounters } from "~/domain/staff/throttle.server";

export const RETENTION = {
  /** The audit log, in calendar years. */
  auditYears: 2,
  /** Audit entries without a staff account but with an IP address, and failed or throttled sign-ins. */
  anonymousAuditHours: 24,
  /** Rows of the old per-attempt sign-in table. */
  loginAttemptHours: 24,
} as const;

/** Sign-in failures are short-lived whoever they name: they hold a typed e-mail (sometimes a password typed into it) and an address. */
export const SIGN_IN_FAILURE_ACTIONS = ["auth.sign_in_failed", "auth.sign_in_throttled"] as const;

export interface PurgeResult {
  auditEntries: number;
  anonymousAuditEntries: number;
  sessions: number;
  loginAttempts: number;
}

const HOUR_MS = 3600_000;

/** `years` calendar years before `now` (29 February falls back to 1 March). */
function yearsBefore(now: Date, years: number): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

/**
 * Deletes what is past its retention. `now` is the app clock (audit entries are stamped with it);
 * `sessionNow` is real time, which session expiry and the counters run on (app/clock.ts). A row
 * exactly at its limit stays; one a millisecond older goes.
 */
export async function purgeExpiredRecords(db: DB, config: Pick<Config, "SESSION_IDLE_MINUTES">, at: { now: Date; sessionNow: Date }): Promise<PurgeResult> {
  const auditCutoff = yearsBefore(at.now, RETENTION.auditYears).toISOString();
  const anonymousCutoff = new Date(at.now.getTime() - RETENTION.anonymousAuditHours * HOUR_MS).toISOString();
  const idleCutoff = new Date(at.sessionNow.getTime() - config.SESSION_IDLE_MINUTES * 60_000).toISOString();
  const attemptCutoff = new Date(at.sessionNow.getTime() - RETENTION.loginAttemptHours * HOUR_MS).toISOString();

  const audit = await db.deleteFrom("audit_log").where("at", "<", auditCutoff).executeTakeFirst();
  const anonymous = await db
    .deleteFrom("audit_log")
    .where("at", "<", anonymousCutoff)
    .where((eb) => eb.or([eb("action", "in", [...SIGN_IN_FAILURE_ACTIONS]), eb.and([eb("actor_staff_id", "is", null), eb("ip", "is not", null)])]))
    .executeTakeFirst();
  // The same two limits lookupSessionById applies: past the absolute expiry, or idle too long.
  const sessions = await db
    .deleteFrom("staff_sessions")
    .where((eb) => eb.or([eb("expires_at", "<", at.sessionNow.toISOString()), eb("last_seen_at", "<", idleCutoff)]))
    .executeTakeFirst();
  const attempts = await db.deleteFrom("login_attempts").where("at", "<", attemptCutoff).executeTakeFirst();
  await purgeExpiredSignInCounters(db, at.sessionNow.getTime());
  return {
    auditEntries: Number(audit.numDeletedRows),
    anonymousAuditEntries: Number(anonymous.numDeletedRows),
    sessions: Number(sessions.numDeletedRows),
    loginAttempts: Number(attempts.numDeletedRows),
  };
}
