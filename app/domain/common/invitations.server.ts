/**
 * Invitations of organisations to a dialogue or a walk: one set of rules for
 * both (one invitation per organisation, the directory's contact address unless
 * staff give another, removable until sent, answers recorded by staff, sending
 * queues one email per unsent invitation together with its status change).
 * The area modules add what differs: when the dialogue or walk may still invite,
 * the email text and the calendar file.
 */
import { sql } from "kysely";
import type { DB } from "../../../db/connection";
import type { InvitationStatus } from "../../../db/schema";
import type { Config } from "~/config.server";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import { findOrganisation } from "~/domain/common/organisations.server";
import { queueEmail } from "~/domain/email/outbox.server";

/** What is invited to; it names the table, the audit actions and the area's messages. */
export type InvitedTo = "dialogue" | "walk";

const TARGET = {
  dialogue: { table: "dialogue_invitations", parent: "dialogue_id", errors: "dialogues.errors" },
  walk: { table: "walk_invitations", parent: "walk_id", errors: "walks.errors" },
} as const;

/**
 * The two tables have the same columns but the parent id, which every query reads
 * through sql.ref; so one of them types the queries exactly (a union of the two
 * makes Kysely's join overloads unresolvable).
 */
function tableOf(to: InvitedTo) {
  return TARGET[to].table as "dialogue_invitations";
}

export interface Invitation {
  id: number;
  organisationId: number;
  organisationName: string;
  organisationKind: string;
  email: string;
  status: InvitationStatus;
  sentAt: string | null;
  respondedAt: string | null;
}

export type InvitationOpts = { now?: Date; ip?: string | null };

export async function listInvitations(db: DB, to: InvitedTo, parentId: number): Promise<Invitation[]> {
  const t = TARGET[to];
  const rows = await db
    .selectFrom(`${tableOf(to)} as i`)
    .innerJoin("organisations as o", "o.id", "i.organisation_id")
    .select(["i.id", "i.organisation_id", "o.name", "o.kind", "i.email", "i.status", "i.sent_at", "i.responded_at"])
    .where(sql.ref<number>(`i.${t.parent}`), "=", parentId)
    .orderBy("o.name")
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
  }));
}

/** Adds an organisation; the caller has checked that the dialogue or walk may still invite. */
export async function addInvitation(
  db: DB,
  to: InvitedTo,
  actor: AuditActor,
  parentId: number,
  input: { organisationId: number; email: string | null },
  opts: InvitationOpts = {},
): Promise<{ ok: true; id: number } | { ok: false; errors: Record<string, string> }> {
  const t = TARGET[to];
  const now = opts.now ?? new Date();
  const org = await findOrganisation(db, input.organisationId);
  if (!org) return { ok: false, errors: { organisationId: `${t.errors}.organisation` } };
  const email = input.email ?? org.contactEmail;
  if (!email) return { ok: false, errors: { email: `${t.errors}.inviteEmailRequired` } };
  const existing = await db
    .selectFrom(tableOf(to))
    .select("id")
    .where(sql.ref<number>(t.parent), "=", parentId)
    .where("organisation_id", "=", org.id)
    .executeTakeFirst();
  if (existing) return { ok: false, errors: { organisationId: `${t.errors}.alreadyInvited` } };
  const id = await db.transaction().execute(async (trx) => {
    const values = { organisation_id: org.id, email, created_at: now.toISOString() };
    const row =
      to === "dialogue"
        ? await trx
            .insertInto("dialogue_invitations")
            .values({ ...values, dialogue_id: parentId })
            .returning("id")
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto("walk_invitations")
            .values({ ...values, walk_id: parentId })
            .returning("id")
            .executeTakeFirstOrThrow();
    await logAudit(
      trx,
      { actor, action: `${to}.invitation_added`, targetType: to, targetId: parentId, details: { organisation: org.name, email }, ip: opts.ip },
      now,
    );
    return row.id;
  });
  return { ok: true, id };
}

/** The invitation if it belongs to this dialogue or walk: an id from another one is "not found". */
export async function findInvitation(db: DB, to: InvitedTo, parentId: number, invitationId: number) {
  const t = TARGET[to];
  return db
    .selectFrom(tableOf(to))
    .select(["id", "organisation_id", "status"])
    .where("id", "=", invitationId)
    .where(sql.ref<number>(t.parent), "=", parentId)
    .executeTakeFirst();
}

/** Only an invitation not yet sent can be withdrawn; a sent one gets an answer instead. */
export async function removeInvitation(db: DB, to: InvitedTo, actor: AuditActor, parentId: number, invitationId: number, opts: InvitationOpts = {}) {
  const now = opts.now ?? new Date();
  const inv = await findInvitation(db, to, parentId, invitationId);
  if (!inv) return "not_found" as const;
  if (inv.status !== "not_sent") return "not_allowed" as const;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom(tableOf(to)).where("id", "=", invitationId).execute();
    await logAudit(trx, { actor, action: `${to}.invitation_removed`, targetType: to, targetId: parentId, details: { invitationId }, ip: opts.ip }, now);
  });
  return "ok" as const;
}

/** Records the organisation's answer (they reply by email or phone; staff note it here). */
export async function setInvitationStatus(
  db: DB,
  to: InvitedTo,
  actor: AuditActor,
  parentId: number,
  invitationId: number,
  status: "accepted" | "declined" | "invited",
  opts: InvitationOpts = {},
) {
  const now = opts.now ?? new Date();
  const inv = await findInvitation(db, to, parentId, invitationId);
  if (!inv) return "not_found" as const;
  if (inv.status === "not_sent") return "not_allowed" as const;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable(tableOf(to))
      .set({ status, responded_at: status === "invited" ? null : now.toISOString() })
      .where("id", "=", invitationId)
      .execute();
    await logAudit(
      trx,
      { actor, action: `${to}.invitation_status`, targetType: to, targetId: parentId, details: { invitationId, from: inv.status, to: status }, ip: opts.ip },
      now,
    );
  });
  return "ok" as const;
}

export interface InvitationMailing {
  /** The unsent invitations, as the caller listed and checked them. */
  pending: Invitation[];
  mail: (organisationName: string) => { subject: string; text: string };
  emailKind: string;
  dialogueId?: number;
  ics: { filename: string; content: string };
  /** Extra audit details (e.g. that a late send was confirmed). */
  details?: Record<string, unknown>;
  /** More writes that must commit with the mailing (e.g. the late-send audit entry). */
  alsoInTransaction?: (trx: DB) => Promise<void>;
}

/** Queues one email per pending invitation and marks it invited; all or nothing. */
export async function queueInvitations(
  db: DB,
  config: Pick<Config, "SMTP_URL">,
  to: InvitedTo,
  actor: AuditActor,
  parentId: number,
  mailing: InvitationMailing,
  opts: InvitationOpts = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const { pending } = mailing;
  await db.transaction().execute(async (trx) => {
    await mailing.alsoInTransaction?.(trx);
    for (const inv of pending) {
      const mail = mailing.mail(inv.organisationName);
      await queueEmail(
        trx,
        config,
        { kind: mailing.emailKind, dialogueId: mailing.dialogueId, to: inv.email, subject: mail.subject, text: mail.text, ics: mailing.ics },
        now,
      );
      await trx.updateTable(tableOf(to)).set({ status: "invited", sent_at: now.toISOString() }).where("id", "=", inv.id).execute();
    }
    await logAudit(
      trx,
      {
        actor,
        action: `${to}.invitations_sent`,
        targetType: to,
        targetId: parentId,
        details: { count: pending.length, ...mailing.details, organisations: pending.map((p) => p.organisationName) },
        ip: opts.ip,
      },
      now,
    );
  });
  return pending.length;
}
