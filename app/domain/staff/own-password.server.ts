import type { DB } from "../../../db/connection";
import { logAudit } from "~/domain/audit/audit.server";
import { hashPassword, verifyPassword } from "~/domain/staff/password.server";
import { checkPasswordPolicy, type PasswordPolicyError } from "~/domain/staff/password-policy.server";
import { checkSignInAttempt, recordSignInSuccess } from "~/domain/staff/throttle.server";

export type ChangePasswordError = PasswordPolicyError | "errors.passwordSame" | "errors.passwordCurrent" | "signIn.throttled";
export type ChangePasswordResult =
  { ok: true; otherSessionsEnded: number } | { ok: false; field: "currentPassword" | "newPassword"; error: ChangePasswordError; retryAfterSeconds?: number };

/**
 * A signed-in staff member changes their own password. The current password is required and
 * counted like a sign-in attempt (a stolen session must not become a password oracle); the
 * new one meets the policy; every other session of the account ends, this one stays.
 */
export async function changeOwnPassword(
  db: DB,
  actor: { id: number; email: string; sessionHash: string },
  input: { currentPassword: string; newPassword: string },
  ip: string,
  now: Date = new Date(),
): Promise<ChangePasswordResult> {
  const account = await db.selectFrom("staff").select(["email", "name", "password_hash"]).where("id", "=", actor.id).executeTakeFirstOrThrow();
  if (input.newPassword === input.currentPassword) return { ok: false, field: "newPassword", error: "errors.passwordSame" };
  const policy = checkPasswordPolicy(input.newPassword, account);
  if (!policy.ok) return { ok: false, field: "newPassword", error: policy.error };

  const attempt = await checkSignInAttempt(db, account.email, ip);
  if (!attempt.allowed) {
    if (attempt.started) await logAudit(db, { actor, action: "auth.sign_in_throttled", details: { email: account.email, by: attempt.by }, ip }, now);
    return { ok: false, field: "currentPassword", error: "signIn.throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  }
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    await logAudit(db, { actor, action: "staff.password_change_failed", targetType: "staff", targetId: actor.id, ip }, now);
    return { ok: false, field: "currentPassword", error: "errors.passwordCurrent" };
  }
  await recordSignInSuccess(db, account.email, ip);

  const passwordHash = await hashPassword(input.newPassword);
  const otherSessionsEnded = await db.transaction().execute(async (trx) => {
    await trx.updateTable("staff").set({ password_hash: passwordHash, updated_at: now.toISOString() }).where("id", "=", actor.id).execute();
    const ended = await trx.deleteFrom("staff_sessions").where("staff_id", "=", actor.id).where("id_hash", "!=", actor.sessionHash).executeTakeFirst();
    const count = Number(ended.numDeletedRows);
    await logAudit(trx, { actor, action: "staff.password_change", targetType: "staff", targetId: actor.id, details: { otherSessionsEnded: count }, ip }, now);
    return count;
  });
  return { ok: true, otherSessionsEnded };
}
