/**
 * Ending every session of an account: a staff member signing out everywhere (all their devices,
 * this one included), and an admin ending another account's sessions (a lost laptop, a
 * colleague who left a shared computer signed in). The server-side session rows are deleted, so
 * every cookie that pointed at them signs nobody in from the next request; the caller then
 * disconnects that person's open sockets (Publisher.disconnectStaff), after the commit.
 */
import type { DB } from "../../../db/connection";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";

/** Sessions that still sign someone in: not past their absolute expiry, not idle longer than the idle timeout. */
export async function countActiveSessions(db: DB, staffId: number, idleMinutes: number, now: Date = new Date()): Promise<number> {
  const row = await db
    .selectFrom("staff_sessions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("staff_id", "=", staffId)
    .where("expires_at", ">=", now.toISOString())
    .where("last_seen_at", ">=", new Date(now.getTime() - idleMinutes * 60_000).toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The signed-in staff member ends all their own sessions, this one included. */
export async function endOwnSessions(db: DB, actor: AuditActor & { id: number }, ip: string | null, now: Date = new Date()): Promise<{ ended: number }> {
  return db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom("staff_sessions").where("staff_id", "=", actor.id).executeTakeFirst();
    const ended = Number(res.numDeletedRows);
    await logAudit(trx, { actor, action: "auth.sign_out_everywhere", targetType: "staff", targetId: actor.id, details: { ended }, ip }, now);
    return { ended };
  });
}

export type EndSessionsResult = { ok: true; id: number; name: string; ended: number } | { ok: false; field: "staffId"; error: "errors.notFound" };

/**
 * An admin ends every session of an account, audited with both the admin and the account. An
 * admin ending their own keeps the session they are using (the others end), so the page they
 * clicked on still answers.
 */
export async function endSessionsOf(
  db: DB,
  admin: AuditActor & { id: number; sessionHash: string },
  staffId: number,
  ip: string | null,
  now: Date = new Date(),
): Promise<EndSessionsResult> {
  return db.transaction().execute(async (trx): Promise<EndSessionsResult> => {
    const target = await trx.selectFrom("staff").select(["id", "email", "name"]).where("id", "=", staffId).executeTakeFirst();
    if (!target) return { ok: false, field: "staffId", error: "errors.notFound" };
    let q = trx.deleteFrom("staff_sessions").where("staff_id", "=", target.id);
    if (target.id === admin.id) q = q.where("id_hash", "!=", admin.sessionHash);
    const ended = Number((await q.executeTakeFirst()).numDeletedRows);
    await logAudit(
      trx,
      { actor: admin, action: "staff.sessions_ended", targetType: "staff", targetId: target.id, details: { email: target.email, ended }, ip },
      now,
    );
    return { ok: true, id: target.id, name: target.name, ended };
  });
}
