/** Invited actors of a walk: the same organisation directory and flow as dialogues. */
import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
import { serverT } from "~/i18n/i18n";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import { findOrganisation } from "~/domain/common/organisations.server";
import { queueEmail } from "~/domain/email/outbox.server";
import { walkInvitationEmail } from "~/domain/walks/emails.server";
import { walkIcs } from "~/domain/walks/ical.server";
import { canInvite } from "~/domain/walks/lifecycle";
import { getWalk } from "~/domain/walks/walks.server";

export interface WalkInvitation {
  id: number;
  organisationId: number;
  organisationName: string;
  email: string;
  status: "not_sent" | "invited" | "accepted" | "declined";
  sentAt: string | null;
}

type Opts = { now?: Date; ip?: string | null };

export async function listWalkInvitations(db: DB, walkId: number): Promise<WalkInvitation[]> {
  const rows = await db
    .selectFrom("walk_invitations as i")
    .innerJoin("organisations as o", "o.id", "i.organisation_id")
    .select(["i.id", "i.organisation_id", "o.name", "i.email", "i.status", "i.sent_at"])
    .where("i.walk_id", "=", walkId)
    .orderBy("o.name")
    .execute();
  return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id, organisationName: r.name, email: r.email, status: r.status, sentAt: r.sent_at }));
}

export async function addWalkInvitation(
  db: DB,
  actor: AuditActor,
  walkId: number,
  input: { organisationId: number; email: string | null },
  opts: Opts = {},
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const now = opts.now ?? new Date();
  const walk = await db.selectFrom("walks").select(["status"]).where("id", "=", walkId).executeTakeFirst();
  if (!walk) return { ok: false as const, errors: { _form: "walks.notFound" } };
  if (!canInvite(walk.status)) return { ok: false as const, errors: { _form: "walks.errors.notEditable" } };
  const org = await findOrganisation(db, input.organisationId);
  if (!org) return { ok: false as const, errors: { organisationId: "walks.errors.organisation" } };
  const email = input.email ?? org.contactEmail;
  if (!email) return { ok: false as const, errors: { email: "walks.errors.inviteEmailRequired" } };
  const dupe = await db.selectFrom("walk_invitations").select("id").where("walk_id", "=", walkId).where("organisation_id", "=", org.id).executeTakeFirst();
  if (dupe) return { ok: false as const, errors: { organisationId: "walks.errors.alreadyInvited" } };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("walk_invitations").values({ walk_id: walkId, organisation_id: org.id, email, created_at: now.toISOString() }).execute();
    await logAudit(
      trx,
      { actor, action: "walk.invitation_added", targetType: "walk", targetId: walkId, details: { organisation: org.name, email }, ip: opts.ip },
      now,
    );
  });
  return { ok: true as const };
}

export async function setWalkInvitationStatus(
  db: DB,
  actor: AuditActor,
  walkId: number,
  invitationId: number,
  status: "invited" | "accepted" | "declined",
  opts: Opts = {},
) {
  const now = opts.now ?? new Date();
  const inv = await db.selectFrom("walk_invitations").select(["status"]).where("id", "=", invitationId).where("walk_id", "=", walkId).executeTakeFirst();
  if (!inv) return "not_found" as const;
  if (inv.status === "not_sent") return "not_allowed" as const;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("walk_invitations")
      .set({ status, responded_at: status === "invited" ? null : now.toISOString() })
      .where("id", "=", invitationId)
      .execute();
    await logAudit(
      trx,
      { actor, action: "walk.invitation_status", targetType: "walk", targetId: walkId, details: { invitationId, from: inv.status, to: status }, ip: opts.ip },
      now,
    );
  });
  return "ok" as const;
}

export async function removeWalkInvitation(db: DB, actor: AuditActor, walkId: number, invitationId: number, opts: Opts = {}) {
  const now = opts.now ?? new Date();
  const inv = await db.selectFrom("walk_invitations").select(["status"]).where("id", "=", invitationId).where("walk_id", "=", walkId).executeTakeFirst();
  if (!inv) return "not_found" as const;
  if (inv.status !== "not_sent") return "not_allowed" as const;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("walk_invitations").where("id", "=", invitationId).execute();
    await logAudit(trx, { actor, action: "walk.invitation_removed", targetType: "walk", targetId: walkId, details: { invitationId }, ip: opts.ip }, now);
  });
  return "ok" as const;
}

/** Emails every unsent invitation with the walk as .ics; queue and status change commit together. */
export async function sendWalkInvitations(
  db: DB,
  config: Pick<Config, "SMTP_URL" | "SERVICE_OPERATOR">,
  actor: AuditActor,
  walkId: number,
  opts: Opts & { baseUrl: string },
) {
  const now = opts.now ?? new Date();
  const w = await getWalk(db, walkId);
  if (!w) return null;
  if (!canInvite(w.status)) return { ok: false as const, error: "walks.errors.notEditable" };
  const pending = (await listWalkInvitations(db, walkId)).filter((i) => i.status === "not_sent");
  if (pending.length === 0) return { ok: false as const, error: "walks.errors.nothingToSend" };
  const ics = walkIcs(w, opts.baseUrl, serverT("sv"));
  await db.transaction().execute(async (trx) => {
    for (const inv of pending) {
      const mail = walkInvitationEmail(w, inv.organisationName, opts.baseUrl, config.SERVICE_OPERATOR);
      await queueEmail(
        trx,
        config,
        { kind: "walk_invitation", to: inv.email, subject: mail.subject, text: mail.text, ics: { filename: `vandring-${w.id}.ics`, content: ics } },
        now,
      );
      await trx.updateTable("walk_invitations").set({ status: "invited", sent_at: now.toISOString() }).where("id", "=", inv.id).execute();
    }
    await logAudit(
      trx,
      {
        actor,
        action: "walk.invitations_sent",
        targetType: "walk",
        targetId: walkId,
        details: { count: pending.length, organisations: pending.map((p) => p.organisationName) },
        ip: opts.ip,
      },
      now,
    );
  });
  return { ok: true as const, sent: pending.length };
}
