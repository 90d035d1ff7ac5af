import type { DB } from "../../../db/connection";
import type { InvitationStatus } from "../../../db/schema";
import type { Config } from "~/config.server";
import { serverT } from "~/i18n/i18n";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import { findOrganisation } from "~/domain/common/organisations.server";
import { queueEmail } from "~/domain/email/outbox.server";
import { getDialogue } from "~/domain/dialogues/dialogues.server";
import { invitationEmail } from "~/domain/dialogues/emails.server";
import { dialogueIcs } from "~/domain/dialogues/ical.server";
import { isLate } from "~/domain/dialogues/lifecycle";

export interface Invitation {
  id: number;
  organisationId: number;
  organisationName: string;
  organisationKind: string;
  email: string;
  status: InvitationStatus;
  sentAt: string | null;
  respondedAt: string | null;
  panelists: { staffId: number; name: string }[];
}

type Opts = { now?: Date; ip?: string | null };

export async function listInvitations(db: DB, dialogueId: number): Promise<Invitation[]> {
  const rows = await db
    .selectFrom("dialogue_invitations as i")
    .innerJoin("organisations as o", "o.id", "i.organisation_id")
    .select(["i.id", "i.organisation_id", "o.name", "o.kind", "i.email", "i.status", "i.sent_at", "i.responded_at"])
    .where("i.dialogue_id", "=", dialogueId)
    .orderBy("o.name")
    .execute();
  const panelists = await db
    .selectFrom("dialogue_panelists as p")
    .innerJoin("staff as s", "s.id", "p.staff_id")
    .select(["p.invitation_id", "p.staff_id", "s.name"])
    .where("p.dialogue_id", "=", dialogueId)
    .orderBy("s.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.name,
    organisationKind: r.kind,
    email: r.email,
    status: r.status,
    sentAt: r.sent_at,
    respondedAt: r.responded_at,
    panelists: panelists.filter((p) => p.invitation_id === r.id).map((p) => ({ staffId: p.staff_id, name: p.name })),
  }));
}

async function editableDialogue(db: DB, dialogueId: number) {
  const d = await db.selectFrom("dialogues").select(["id", "status"]).where("id", "=", dialogueId).executeTakeFirst();
  if (!d) return "not_found" as const;
  if (d.status === "ended" || d.status === "feedback_published") return "not_allowed" as const;
  return "ok" as const;
}

export type InviteResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> } | { ok: false; notFound: true };

export async function addInvitation(
  db: DB,
  actor: AuditActor,
  dialogueId: number,
  input: { organisationId: number; email: string | null },
  opts: Opts = {},
): Promise<InviteResult> {
  const now = opts.now ?? new Date();
  const state = await editableDialogue(db, dialogueId);
  if (state === "not_found") return { ok: false, notFound: true };
  if (state === "not_allowed") return { ok: false, errors: { _form: "dialogues.errors.notEditable" } };
  const org = await findOrganisation(db, input.organisationId);
  if (!org) return { ok: false, errors: { organisationId: "dialogues.errors.organisation" } };
  const email = input.email ?? org.contactEmail;
  if (!email) return { ok: false, errors: { email: "dialogues.errors.inviteEmailRequired" } };
  const existing = await db
    .selectFrom("dialogue_invitations")
    .select("id")
    .where("dialogue_id", "=", dialogueId)
    .where("organisation_id", "=", org.id)
    .executeTakeFirst();
  if (existing) return { ok: false, errors: { organisationId: "dialogues.errors.alreadyInvited" } };
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("dialogue_invitations")
      .values({ dialogue_id: dialogueId, organisation_id: org.id, email, created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await logAudit(
      trx,
      { actor, action: "dialogue.invitation_added", targetType: "dialogue", targetId: dialogueId, details: { organisation: org.name, email }, ip: opts.ip },
      now,
    );
    return row.id;
  });
  return { ok: true, id };
}

async function invitationOf(db: DB, dialogueId: number, invitationId: number) {
  return db.selectFrom("dialogue_invitations").selectAll().where("id", "=", invitationId).where("dialogue_id", "=", dialogueId).executeTakeFirst();
}

export async function removeInvitation(db: DB, actor: AuditActor, dialogueId: number, invitationId: number, opts: Opts = {}) {
  const now = opts.now ?? new Date();
  const inv = await invitationOf(db, dialogueId, invitationId);
  if (!inv) return "not_found" as const;
  if (inv.status !== "not_sent") return "not_allowed" as const;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("dialogue_invitations").where("id", "=", invitationId).execute();
    await logAudit(
      trx,
      { actor, action: "dialogue.invitation_removed", targetType: "dialogue", targetId: dialogueId, details: { invitationId }, ip: opts.ip },
      now,
    );
  });
  return "ok" as const;
}

/** Records the organisation's answer (they reply by email or phone; staff note it here). */
export async function setInvitationStatus(
  db: DB,
  actor: AuditActor,
  dialogueId: number,
  invitationId: number,
  status: "accepted" | "declined" | "invited",
  opts: Opts = {},
) {
  const now = opts.now ?? new Date();
  const inv = await invitationOf(db, dialogueId, invitationId);
  if (!inv) return "not_found" as const;
  if (inv.status === "not_sent") return "not_allowed" as const;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("dialogue_invitations")
      .set({ status, responded_at: status === "invited" ? null : now.toISOString() })
      .where("id", "=", invitationId)
      .execute();
    await logAudit(
      trx,
      {
        actor,
        action: "dialogue.invitation_status",
        targetType: "dialogue",
        targetId: dialogueId,
        details: { invitationId, from: inv.status, to: status },
        ip: opts.ip,
      },
      now,
    );
  });
  return "ok" as const;
}

export async function assignPanelist(db: DB, actor: AuditActor, dialogueId: number, invitationId: number, staffId: number, opts: Opts = {}) {
  const now = opts.now ?? new Date();
  const inv = await invitationOf(db, dialogueId, invitationId);
  if (!inv) return "not_found" as const;
  const staff = await db
    .selectFrom("staff")
    .select(["id", "email"])
    .where("id", "=", staffId)
    .where("role", "=", "panelist")
    .where("organisation_id", "=", inv.organisation_id)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!staff) return "invalid_panelist" as const;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("dialogue_panelists")
      .values({ dialogue_id: dialogueId, staff_id: staffId, invitation_id: invitationId, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["dialogue_id", "staff_id"]).doNothing())
      .execute();
    await logAudit(
      trx,
      { actor, action: "dialogue.panelist_assigned", targetType: "dialogue", targetId: dialogueId, details: { staffId, panelist: staff.email }, ip: opts.ip },
      now,
    );
  });
  return "ok" as const;
}

export async function removePanelist(db: DB, actor: AuditActor, dialogueId: number, staffId: number, opts: Opts = {}) {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom("dialogue_panelists").where("dialogue_id", "=", dialogueId).where("staff_id", "=", staffId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return "not_found" as const;
    await logAudit(trx, { actor, action: "dialogue.panelist_removed", targetType: "dialogue", targetId: dialogueId, details: { staffId }, ip: opts.ip }, now);
    return "ok" as const;
  });
}

export type SendResult =
  | { ok: true; sent: number; late: boolean }
  | {
      ok: false;
      error: "dialogues.errors.lateNotConfirmed" | "dialogues.errors.nothingToSend" | "dialogues.errors.notEditable" | "dialogues.errors.startInPast";
    };

/**
 * Emails every invitation not yet sent, each with the dialogue as an .ics
 * attachment. Fewer than 21 days before the start needs `lateConfirmed`,
 * which is audit-logged. Queue and status change commit together.
 */
export async function sendInvitations(
  db: DB,
  config: Pick<Config, "SMTP_URL" | "SERVICE_OPERATOR">,
  actor: AuditActor,
  dialogueId: number,
  opts: Opts & { lateConfirmed?: boolean; baseUrl: string },
): Promise<SendResult | null> {
  const now = opts.now ?? new Date();
  const d = await getDialogue(db, dialogueId);
  if (!d) return null;
  if (d.status !== "draft" && d.status !== "published") return { ok: false, error: "dialogues.errors.notEditable" };
  if (Date.parse(d.startsAt) <= now.getTime()) return { ok: false, error: "dialogues.errors.startInPast" };
  const pending = (await listInvitations(db, dialogueId)).filter((i) => i.status === "not_sent");
  if (pending.length === 0) return { ok: false, error: "dialogues.errors.nothingToSend" };
  const late = isLate(d.startsAt, now);
  if (late && !opts.lateConfirmed) return { ok: false, error: "dialogues.errors.lateNotConfirmed" };
  const ics = dialogueIcs(d, opts.baseUrl, serverT("sv"));
  await db.transaction().execute(async (trx) => {
    if (late) {
      await logAudit(
        trx,
        {
          actor,
          action: "dialogue.late_warning_confirmed",
          targetType: "dialogue",
          targetId: dialogueId,
          details: { step: "invite", startsAt: d.startsAt },
          ip: opts.ip,
        },
        now,
      );
    }
    for (const inv of pending) {
      const mail = invitationEmail(d, inv.organisationName, opts.baseUrl, config.SERVICE_OPERATOR);
      await queueEmail(
        trx,
        config,
        { kind: "invitation", dialogueId, to: inv.email, subject: mail.subject, text: mail.text, ics: { filename: `dialog-${d.id}.ics`, content: ics } },
        now,
      );
      await trx.updateTable("dialogue_invitations").set({ status: "invited", sent_at: now.toISOString() }).where("id", "=", inv.id).execute();
    }
    await logAudit(
      trx,
      {
        actor,
        action: "dialogue.invitations_sent",
        targetType: "dialogue",
        targetId: dialogueId,
        details: { count: pending.length, late, organisations: pending.map((p) => p.organisationName) },
        ip: opts.ip,
      },
      now,
    );
  });
  return { ok: true, sent: pending.length, late };
}
