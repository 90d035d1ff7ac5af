/**
 * Multi-factor authentication for staff: TOTP (RFC 6238 with otpauth: SHA-1, 6 digits, 30 s,
 * what authenticator apps expect, accepted one step either side) and ten single-use recovery
 * codes. docs/security.md, "Multi-factor authentication".
 *
 * - The secret is generated with a CSPRNG (otpauth's Secret, 160 bits) and stored encrypted
 *   (mfa-crypto.server.ts); recovery codes have 120 random bits and only their SHA-256 is stored.
 * - A code is accepted once: the last accepted time step is kept per account and only a later
 *   step is accepted (one atomic conditional update, so two requests with one code cannot both
 *   pass). A recovery code is marked used by the same kind of update.
 * - Every code attempt is counted before it is checked (mfa-throttle.server.ts).
 * - Enrolling, disabling and an admin's reset end the account's other sessions.
 */
import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
import { logAudit } from "~/domain/audit/audit.server";
import { isUniqueViolation } from "~/domain/common/locks";
import { openSecret, sealSecret, type MfaKey } from "~/domain/staff/mfa-crypto.server";
import { checkMfaAttempt, recordMfaSuccess } from "~/domain/staff/mfa-throttle.server";
import { RECOVERY_ALPHABET, RECOVERY_CODE_LENGTH } from "~/domain/staff/mfa.schema";
import { verifyPassword } from "~/domain/staff/password.server";
import type { StaffRole } from "~/domain/staff/roles";
import { destroyAllSessionsOf } from "~/domain/staff/session.server";
import { checkSignInAttempt, recordSignInSuccess } from "~/domain/staff/throttle.server";

export const TOTP_ISSUER = "Tryggve";
export const TOTP_PARAMS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
/** Steps accepted either side of the server's: one, for a phone's clock that is a little off. */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

/** The account a change is made for or by: id and e-mail for the audit log. */
export interface MfaActor {
  id: number;
  email: string;
}

export type MfaError =
  | "mfa.errors.invalidCode"
  | "mfa.errors.codeUsed"
  | "mfa.errors.invalidRecoveryCode"
  | "mfa.errors.throttled"
  | "mfa.errors.notEnrolled"
  | "mfa.errors.alreadyEnrolled"
  | "mfa.errors.requiredForRole"
  | "mfa.errors.cannotResetOwn"
  | "errors.passwordCurrent"
  | "signIn.throttled"
  | "errors.notFound";

export type Refusal = { ok: false; error: MfaError; field?: string; retryAfterSeconds?: number };

export function mfaRequiredFor(config: Pick<Config, "MFA_REQUIRED_ROLES">, role: StaffRole): boolean {
  return config.MFA_REQUIRED_ROLES.includes(role);
}

export interface MfaStatus {
  enrolled: boolean;
  confirmedAt: string | null;
  recoveryCodesLeft: number;
}

export async function getMfaStatus(db: DB, staffId: number): Promise<MfaStatus> {
  const row = await db.selectFrom("staff_mfa").select("confirmed_at").where("staff_id", "=", staffId).executeTakeFirst();
  if (!row?.confirmed_at) return { enrolled: false, confirmedAt: null, recoveryCodesLeft: 0 };
  const left = await db
    .selectFrom("staff_recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("staff_id", "=", staffId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return { enrolled: true, confirmedAt: row.confirmed_at, recoveryCodesLeft: Number(left.n) };
}

/** The accounts with MFA turned on (for the admin's list). */
export async function enrolledStaffIds(db: DB): Promise<Set<number>> {
  const rows = await db.selectFrom("staff_mfa").select("staff_id").where("confirmed_at", "is not", null).execute();
  return new Set(rows.map((r) => r.staff_id));
}

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, secret: Secret.fromBase32(secret), ...TOTP_PARAMS });
}

/** The time step a code belongs to (within the window around `now`), or null. */
function matchingStep(secret: string, code: string, now: Date): number | null {
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secret), ...TOTP_PARAMS, timestamp: now.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / TOTP_PARAMS.period) + delta;
}

/** Takes the step for the account if it is later than the last one accepted; false for a replay. */
async function claimStep(db: DB, staffId: number, step: number, confirm?: string): Promise<boolean> {
  let q = db
    .updateTable("staff_mfa")
    .set(confirm ? { last_used_step: step, confirmed_at: confirm } : { last_used_step: step })
    .where("staff_id", "=", staffId)
    .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]));
  q = confirm ? q.where("confirmed_at", "is", null) : q.where("confirmed_at", "is not", null);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function randomRecoveryCode(): string {
  // 15 random bytes are 120 bits: 24 symbols of 5 bits each.
  const bytes = crypto.randomBytes(15);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let code = "";
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) {
    code = RECOVERY_ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return code;
}

/** What is stored for a (normalised) recovery code. 120 random bits need no slow hash (ASVS 6.5.2). */
export function recoveryCodeHash(code: string): string {
  return crypto.createHash("sha256").update(`tryggve-recovery:${code}`).digest("hex");
}

/** Replaces the account's recovery codes with ten new ones and returns them (shown once). */
async function replaceRecoveryCodes(db: DB, staffId: number, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, randomRecoveryCode);
  await db.deleteFrom("staff_recovery_codes").where("staff_id", "=", staffId).execute();
  await db
    .insertInto("staff_recovery_codes")
    .values(codes.map((c) => ({ code_hash: recoveryCodeHash(c), staff_id: staffId, created_at: now.toISOString() })))
    .execute();
  return codes;
}

type Throttled = { ok: true } | Refusal;

/** Counts one code attempt; audits the attempt that starts a lockout, once. */
async function throttle(db: DB, actor: MfaActor, ip: string, now: Date): Promise<Throttled> {
  const attempt = await checkMfaAttempt(db, actor.id);
  if (attempt.allowed) return { ok: true };
  if (attempt.started) await logAudit(db, { actor, action: "auth.mfa_throttled", targetType: "staff", targetId: actor.id, ip }, now);
  return { ok: false, error: "mfa.errors.throttled", retryAfterSeconds: attempt.retryAfterSeconds };
}

async function readSecret(db: DB, key: MfaKey, staffId: number, confirmed: boolean): Promise<string | null> {
  const row = await db.selectFrom("staff_mfa").select(["secret_enc", "confirmed_at"]).where("staff_id", "=", staffId).executeTakeFirst();
  if (!row || (row.confirmed_at !== null) !== confirmed) return null;
  return openSecret(key, staffId, row.secret_enc);
}

/**
 * Checks a TOTP code for an enrolled account (throttled, once per time step). Used at sign-in
 * and to confirm changes (new recovery codes, turning MFA off).
 */
async function checkTotp(db: DB, key: MfaKey, actor: MfaActor, code: string, context: string, ip: string, now: Date): Promise<{ ok: true } | Refusal> {
  const throttled = await throttle(db, actor, ip, now);
  if (!throttled.ok) return { ...throttled, field: "code" };
  const secret = await readSecret(db, key, actor.id, true);
  if (secret === null) return { ok: false, error: "mfa.errors.notEnrolled", field: "code" };
  const step = matchingStep(secret, code, now);
  if (step === null || !(await claimStep(db, actor.id, step))) {
    await logAudit(
      db,
      { actor, action: "auth.mfa_failed", targetType: "staff", targetId: actor.id, details: { method: "totp", context, replay: step !== null }, ip },
      now,
    );
    return { ok: false, error: step === null ? "mfa.errors.invalidCode" : "mfa.errors.codeUsed", field: "code" };
  }
  await recordMfaSuccess(db, actor.id);
  return { ok: true };
}

/**
 * The current password, for changes to the sign-in itself (ASVS 7.5.1): counted on the account's
 * sign-in budget like a sign-in, so a stolen session cannot guess it faster.
 */
async function checkCurrentPassword(db: DB, actor: MfaActor, password: string, failedAction: string, ip: string, now: Date): Promise<{ ok: true } | Refusal> {
  const account = await db.selectFrom("staff").select(["email", "password_hash"]).where("id", "=", actor.id).executeTakeFirstOrThrow();
  const attempt = await checkSignInAttempt(db, account.email, ip);
  if (!attempt.allowed) {
    if (attempt.started) await logAudit(db, { actor, action: "auth.sign_in_throttled", details: { email: account.email, by: attempt.by }, ip }, now);
    return { ok: false, error: "signIn.throttled", field: "currentPassword", retryAfterSeconds: attempt.retryAfterSeconds };
  }
  if (!(await verifyPassword(account.password_hash, password))) {
    await logAudit(db, { actor, action: failedAction, targetType: "staff", targetId: actor.id, ip }, now);
    return { ok: false, error: "errors.passwordCurrent", field: "currentPassword" };
  }
  await recordSignInSuccess(db, account.email, ip);
  return { ok: true };
}

export interface Enrolment {
  /** Base32, for typing into an app by hand. */
  secret: string;
  /** otpauth://totp/Tryggve:<e-mail>?secret=…&issuer=Tryggve&algorithm=SHA1&digits=6&period=30, for the QR code. */
  uri: string;
}

/**
 * The authenticator being set up for this account: the one waiting for its first code if
 * there is one (so a reload shows the same QR code), otherwise a new secret.
 */
export async function startEnrolment(db: DB, key: MfaKey, staff: MfaActor, now: Date = new Date()): Promise<{ ok: true; enrolment: Enrolment } | Refusal> {
  const row = await db.selectFrom("staff_mfa").select(["secret_enc", "confirmed_at"]).where("staff_id", "=", staff.id).executeTakeFirst();
  if (row?.confirmed_at) return { ok: false, error: "mfa.errors.alreadyEnrolled" };
  let secret = row ? openSecret(key, staff.id, row.secret_enc) : null;
  if (secret === null) {
    secret = new Secret({ size: 20 }).base32;
    const sealed = sealSecret(key, staff.id, secret);
    if (row) {
      // Sealed under a key no longer in use: start again.
      await db
        .updateTable("staff_mfa")
        .set({ secret_enc: sealed, created_at: now.toISOString() })
        .where("staff_id", "=", staff.id)
        .where("confirmed_at", "is", null)
        .execute();
    } else {
      try {
        await db.insertInto("staff_mfa").values({ staff_id: staff.id, secret_enc: sealed, created_at: now.toISOString() }).execute();
      } catch (err) {
        // Another tab started the same enrolment at the same moment: show that one.
        if (!isUniqueViolation(err)) throw err;
        return startEnrolment(db, key, staff, now);
      }
    }
  }
  return { ok: true, enrolment: { secret, uri: totpFor(secret, staff.email).toString() } };
}

/**
 * The first code from the app turns MFA on: ten recovery codes are made (returned once, to be
 * shown once), every other session of the account ends, and the enrolment is audited. From a
 * signed-in session the current password is needed too (`currentPassword`), so a stolen session
 * cannot put the thief's phone on the account; right after the password step it is not asked again.
 */
export async function confirmEnrolment(
  db: DB,
  key: MfaKey,
  actor: MfaActor & { sessionHash: string },
  input: { code: string; currentPassword?: string },
  ip: string,
  now: Date = new Date(),
): Promise<{ ok: true; recoveryCodes: string[]; otherSessionsEnded: number } | Refusal> {
  const { code } = input;
  if (input.currentPassword !== undefined) {
    const password = await checkCurrentPassword(db, actor, input.currentPassword, "auth.mfa_enrol_failed", ip, now);
    if (!password.ok) return password;
  }
  const throttled = await throttle(db, actor, ip, now);
  if (!throttled.ok) return { ...throttled, field: "code" };
  const row = await db.selectFrom("staff_mfa").select(["secret_enc", "confirmed_at"]).where("staff_id", "=", actor.id).executeTakeFirst();
  if (row?.confirmed_at) return { ok: false, error: "mfa.errors.alreadyEnrolled" };
  const secret = row ? openSecret(key, actor.id, row.secret_enc) : null;
  if (secret === null) return { ok: false, error: "mfa.errors.notEnrolled" };
  const step = matchingStep(secret, code, now);
  if (step === null) {
    await logAudit(
      db,
      { actor, action: "auth.mfa_failed", targetType: "staff", targetId: actor.id, details: { method: "totp", context: "enrolment" }, ip },
      now,
    );
    return { ok: false, error: "mfa.errors.invalidCode", field: "code" };
  }
  const result = await db.transaction().execute(async (trx) => {
    // Confirms only an enrolment still waiting: a second tab's confirmation finds it done.
    if (!(await claimStep(trx, actor.id, step, now.toISOString()))) return null;
    const recoveryCodes = await replaceRecoveryCodes(trx, actor.id, now);
    const ended = await trx.deleteFrom("staff_sessions").where("staff_id", "=", actor.id).where("id_hash", "!=", actor.sessionHash).executeTakeFirst();
    const otherSessionsEnded = Number(ended.numDeletedRows);
    await logAudit(trx, { actor, action: "auth.mfa_enrolled", targetType: "staff", targetId: actor.id, details: { otherSessionsEnded }, ip }, now);
    return { recoveryCodes, otherSessionsEnded };
  });
  if (!result) return { ok: false, error: "mfa.errors.alreadyEnrolled" };
  await recordMfaSuccess(db, actor.id);
  return { ok: true, ...result };
}

export type SecondFactor = { method: "totp"; code: string } | { method: "recovery"; code: string };

/** The second step of a sign-in: a TOTP code, or one of the recovery codes (each works once). */
export async function verifySecondFactor(
  db: DB,
  key: MfaKey,
  staff: MfaActor,
  factor: SecondFactor,
  ip: string,
  now: Date = new Date(),
): Promise<{ ok: true; method: SecondFactor["method"]; recoveryCodesLeft?: number } | Refusal> {
  if (factor.method === "totp") {
    const checked = await checkTotp(db, key, staff, factor.code, "sign_in", ip, now);
    return checked.ok ? { ok: true, method: "totp" } : checked;
  }
  const throttled = await throttle(db, staff, ip, now);
  if (!throttled.ok) return { ...throttled, field: "recoveryCode" };
  const used = await db
    .updateTable("staff_recovery_codes")
    .set({ used_at: now.toISOString() })
    .where("code_hash", "=", recoveryCodeHash(factor.code))
    .where("staff_id", "=", staff.id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) {
    await logAudit(
      db,
      { actor: staff, action: "auth.mfa_failed", targetType: "staff", targetId: staff.id, details: { method: "recovery", context: "sign_in" }, ip },
      now,
    );
    return { ok: false, error: "mfa.errors.invalidRecoveryCode", field: "recoveryCode" };
  }
  await recordMfaSuccess(db, staff.id);
  const { recoveryCodesLeft } = await getMfaStatus(db, staff.id);
  await logAudit(db, { actor: staff, action: "auth.mfa_recovery_code_used", targetType: "staff", targetId: staff.id, details: { recoveryCodesLeft }, ip }, now);
  return { ok: true, method: "recovery", recoveryCodesLeft };
}

/** Ten new recovery codes (the old ones stop working), confirmed with a current TOTP code. */
export async function regenerateRecoveryCodes(
  db: DB,
  key: MfaKey,
  actor: MfaActor,
  code: string,
  ip: string,
  now: Date = new Date(),
): Promise<{ ok: true; recoveryCodes: string[] } | Refusal> {
  const checked = await checkTotp(db, key, actor, code, "recovery_codes", ip, now);
  if (!checked.ok) return checked;
  const recoveryCodes = await db.transaction().execute(async (trx) => {
    const codes = await replaceRecoveryCodes(trx, actor.id, now);
    await logAudit(trx, { actor, action: "auth.mfa_recovery_codes_regenerated", targetType: "staff", targetId: actor.id, ip }, now);
    return codes;
  });
  return { ok: true, recoveryCodes };
}

/**
 * A staff member turns their own MFA off: not for a role that requires it; the current
 * password (counted like a sign-in) and a current code are both needed. Other sessions end.
 */
export async function disableOwnMfa(
  db: DB,
  key: MfaKey,
  config: Pick<Config, "MFA_REQUIRED_ROLES">,
  actor: MfaActor & { role: StaffRole; sessionHash: string },
  input: { currentPassword: string; code: string },
  ip: string,
  now: Date = new Date(),
): Promise<{ ok: true; otherSessionsEnded: number } | Refusal> {
  if (mfaRequiredFor(config, actor.role)) return { ok: false, error: "mfa.errors.requiredForRole" };
  const password = await checkCurrentPassword(db, actor, input.currentPassword, "auth.mfa_disable_failed", ip, now);
  if (!password.ok) return password;
  const checked = await checkTotp(db, key, actor, input.code, "disable", ip, now);
  if (!checked.ok) return checked;
  const otherSessionsEnded = await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("staff_recovery_codes").where("staff_id", "=", actor.id).execute();
    await trx.deleteFrom("staff_mfa").where("staff_id", "=", actor.id).execute();
    const ended = await trx.deleteFrom("staff_sessions").where("staff_id", "=", actor.id).where("id_hash", "!=", actor.sessionHash).executeTakeFirst();
    const count = Number(ended.numDeletedRows);
    await logAudit(trx, { actor, action: "auth.mfa_disabled", targetType: "staff", targetId: actor.id, details: { otherSessionsEnded: count }, ip }, now);
    return count;
  });
  return { ok: true, otherSessionsEnded };
}

/**
 * An admin resets someone else's MFA (a lost phone): the authenticator and the recovery codes
 * go, every session of that account ends, and the account sets MFA up again at its next
 * sign-in (at once, if its role requires it). Audited with the admin as actor.
 */
export async function resetMfaByAdmin(db: DB, actor: MfaActor, staffId: number, ip: string | null, now: Date = new Date()): Promise<{ ok: true } | Refusal> {
  if (staffId === actor.id) return { ok: false, error: "mfa.errors.cannotResetOwn", field: "staffId" };
  const target = await db
    .selectFrom("staff")
    .leftJoin("staff_mfa", "staff_mfa.staff_id", "staff.id")
    .select(["staff.id", "staff.email", "staff_mfa.confirmed_at"])
    .where("staff.id", "=", staffId)
    .executeTakeFirst();
  if (!target) return { ok: false, error: "errors.notFound", field: "staffId" };
  if (!target.confirmed_at) return { ok: false, error: "mfa.errors.notEnrolled", field: "staffId" };
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("staff_recovery_codes").where("staff_id", "=", staffId).execute();
    await trx.deleteFrom("staff_mfa").where("staff_id", "=", staffId).execute();
    await destroyAllSessionsOf(trx, staffId);
    await logAudit(trx, { actor, action: "auth.mfa_reset", targetType: "staff", targetId: staffId, details: { email: target.email }, ip }, now);
  });
  return { ok: true };
}
