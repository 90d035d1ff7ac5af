/**
 * Dialogue invitations: the shared rules in ~/domain/common/invitations.server,
 * plus what only dialogues have: a dialogue that has ended invites no one, a send
 * under 21 days before the start needs confirming, and each invited organisation
 * sends panelists.
 */
import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
import { serverT } from "~/i18n/i18n";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import * as invitations from "~/domain/common/invitations.server";
import { getDialogue } from "~/domain/dialogues/dialogues.server";
import { invitationEmail } from "~/domain/dialogues/emails.server";
import { dialogueIcs } from "~/domain/dialogues/ical.server";
import { isLate } from "~/domain/dialogues/lifecycle";

export interface Invitation extends invitations.Invitation {
  panelists: { staffId: number; name: string }[];
}

type Opts = invitations.InvitationOpts;

export async function listInvitations(db: DB, dialogueId: number): Promise<Invitation[]> {
  const [rows, panelists] = await Promise.all([
    invitations.listInvitations(db, "dialogue", dialogueId),
    db
      .selectFrom("dialogue_panelists as p")
      .innerJoin("staff as s", "s.id", "p.staff_id")
      .select(["p.invitation_id", "p.staff_id", "s.name"])
      .where("p.dialogue_id", "=", dialogueId)
      .orderBy("s.name")
      .execute(),
  ]);
  return rows.map((r) => ({
    ...r,
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
  const state = await editableDialogue(db, dialogueId);
  if (state === "not_found") return { ok: false, notFound: true };
  if (state === "not_allowed") return { ok: false, errors: { _form: "dialogues.errors.notEditable" } };
  return invitations.addInvitation(db, "dialogue", actor, dialogueId, input, opts);
}

export async function assignPanelist(db: DB, actor: AuditActor, dialogueId: number, invitationId: number, staffId: number, opts: Opts = {}) {
  const now = opts.now ?? new Date();
  const inv = await invitations.findInvitation(db, "dialogue", dialogueId, invitationId);
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
  const pending = (await invitations.listInvitations(db, "dialogue", dialogueId)).filter((i) => i.status === "not_sent");
  if (pending.length === 0) return { ok: false, error: "dialogues.errors.nothingToSend" };
  const late = isLate(d.startsAt, now);
  if (late && !opts.lateConfirmed) return { ok: false, error: "dialogues.errors.lateNotConfirmed" };
  const sent = await invitations.queueInvitations(
    db,
    config,
    "dialogue",
    actor,
    dialogueId,
    {
      pending,
      mail: (organisation) => invitationEmail(d, organisation, opts.baseUrl, config.SERVICE_OPERATOR),
      emailKind: "invitation",
      dialogueId,
      ics: { filename: `dialog-${d.id}.ics`, content: dialogueIcs(d, opts.baseUrl, serverT("sv")) },
      details: { late },
      alsoInTransaction: late
        ? (trx) =>
            logAudit(
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
            )
        : undefined,
    },
    { now, ip: opts.ip },
  );
  return { ok: true, sent, late };
}
