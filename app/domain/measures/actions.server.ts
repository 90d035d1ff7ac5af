/**
 * Status changes and sending to responsible parties. Each change is checked by
 * the pure machine in status.ts, written with a guarded update (the row must
 * still be in the status it was read in), gets a timeline entry and an audit
 * entry, and tells followers, all in one transaction: nothing is half-saved.
 */
import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
import { logAudit } from "~/domain/audit/audit.server";
import { queueEmail } from "~/domain/email/outbox.server";
import { can } from "~/domain/staff/roles";
import type { StaffUser } from "~/domain/staff/session.server";
import { calendarDate } from "~/domain/common/time";
import { sentToPartyEmail, type SentItem } from "~/domain/measures/emails.server";
import { notifyFollowers } from "~/domain/measures/followers.server";
import { DISTRICT_ACTOR } from "~/domain/measures/measures.server";
import { measureActor, transition, type ActionInput, type MeasureAction, type MeasureError, type MeasureStatus } from "~/domain/measures/status";

type MeasureConfig = Pick<Config, "SMTP_URL" | "SERVICE_OPERATOR" | "SESSION_SECRET">;
type Staff = Pick<StaffUser, "id" | "email" | "role" | "organisationId">;

export { measureActor };

export type ChangeResult = { ok: true; status: MeasureStatus } | { ok: false; error: MeasureError | "not_found"; field?: string };

export async function changeStatus(
  db: DB,
  config: MeasureConfig,
  staff: Staff,
  measureId: number,
  action: MeasureAction,
  input: ActionInput,
  opts: {
    now?: Date;
    ip?: string | null;
    baseUrl: string;
    /** Extra writes that belong to the same change (e.g. marking follow-up walk answers handled); run in the same transaction after the audit entry. */
    within?: (trx: DB, change: { from: MeasureStatus; to: MeasureStatus }) => Promise<void>;
  },
): Promise<ChangeResult> {
  const now = opts.now ?? new Date();
  const iso = now.toISOString();
  const actor = measureActor(staff);
  const result = await db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const m = await trx
      .selectFrom("measures")
      .innerJoin("organisations", "organisations.id", "measures.responsible_organisation_id")
      .select([
        "measures.id",
        "measures.title",
        "measures.status",
        "measures.responsible_organisation_id",
        "measures.created_at",
        "organisations.name as org_name",
      ])
      .where("measures.id", "=", measureId)
      .executeTakeFirst();
    if (!m) return { ok: false, error: "not_found" };
    const from = m.status as MeasureStatus;
    const check = transition(actor, { status: from, organisationId: m.responsible_organisation_id, createdAt: m.created_at }, action, input, calendarDate(now));
    if (!check.ok) {
      await logAudit(
        trx,
        { actor: staff, action: "measure.change_refused", targetType: "measure", targetId: m.id, details: { action, from, error: check.error }, ip: opts.ip },
        now,
      );
      return { ok: false, error: check.error, field: check.field };
    }
    // Panelists speak for their organisation; staff for the district administration.
    const who = actor.canManage ? DISTRICT_ACTOR : m.org_name;
    const comment = action === "decline" ? (input.reason ?? null) : (input.comment ?? null);
    if (check.changes) {
      const res = await trx
        .updateTable("measures")
        .set({
          status: check.to,
          updated_at: iso,
          ...(action === "send" ? { sent_at: iso } : {}),
          ...(action === "decline" ? { decline_reason: input.reason ?? null, closed_at: iso } : {}),
          ...(action === "plan" ? { planned_date: input.plannedDate ?? null } : {}),
          ...(action === "done" ? { done_at: iso } : {}),
          ...(action === "verify" ? { verified_at: iso, closed_at: iso } : {}),
          ...(action === "reopen" ? { verified_at: null, done_at: null, closed_at: null } : {}),
        })
        .where("id", "=", m.id)
        .where("status", "=", from)
        .executeTakeFirst();
      // Someone else changed it between our read and write.
      if (Number(res.numUpdatedRows) !== 1) return { ok: false, error: "measures.errors.transitionNotAllowed" };
    } else {
      await trx.updateTable("measures").set({ updated_at: iso }).where("id", "=", m.id).execute();
    }
    await trx
      .insertInto("measure_events")
      .values({
        measure_id: m.id,
        at: iso,
        kind: check.changes ? "status" : "reply",
        from_status: check.changes ? from : null,
        to_status: check.changes ? check.to : null,
        actor_staff_id: staff.id,
        actor_label: who,
        comment: action === "plan" && !comment ? null : comment,
      })
      .execute();
    await logAudit(
      trx,
      {
        actor: staff,
        action: `measure.${action}`,
        targetType: "measure",
        targetId: m.id,
        details: { from, to: check.to, comment, plannedDate: input.plannedDate ?? undefined },
        ip: opts.ip,
      },
      now,
    );
    if (opts.within) await opts.within(trx, { from, to: check.to });
    if (check.changes && action !== "send") {
      await notifyFollowers(trx, config, { id: m.id, title: m.title }, check.to, comment, { baseUrl: opts.baseUrl, now });
    }
    return { ok: true, status: check.to };
  });
  return result;
}

export type SendResult =
  | { ok: true; sent: number; emails: number }
  | { ok: false; error: "measures.errors.nothingToSend" | "measures.errors.noContactEmail" | "measures.errors.staffOnly"; organisation?: string };

/**
 * Sends proposed measures to their responsible parties: one email per party
 * listing its new items, and each measure proposed → sent. All or nothing: a
 * party without a contact address stops the whole send.
 */
export async function sendMeasures(
  db: DB,
  config: MeasureConfig,
  staff: Staff,
  measureIds: number[],
  opts: { now?: Date; ip?: string | null; baseUrl: string; dialogueId?: number },
): Promise<SendResult> {
  if (!can(staff.role, "measures.manage")) return { ok: false, error: "measures.errors.staffOnly" };
  const now = opts.now ?? new Date();
  const iso = now.toISOString();
  if (measureIds.length === 0) return { ok: false, error: "measures.errors.nothingToSend" };
  return db.transaction().execute(async (trx): Promise<SendResult> => {
    const rows = await trx
      .selectFrom("measures")
      .innerJoin("organisations", "organisations.id", "measures.responsible_organisation_id")
      .innerJoin("districts", "districts.id", "measures.district_id")
      .select([
        "measures.id",
        "measures.title",
        "measures.due_date",
        "districts.name as district_name",
        "organisations.id as org_id",
        "organisations.name as org_name",
        "organisations.contact_email",
      ])
      .where("measures.id", "in", measureIds)
      .where("measures.status", "=", "proposed")
      .orderBy("measures.id")
      .execute();
    if (rows.length === 0) return { ok: false, error: "measures.errors.nothingToSend" };
    const missing = rows.find((r) => !r.contact_email);
    if (missing) return { ok: false, error: "measures.errors.noContactEmail", organisation: missing.org_name };
    const byOrg = new Map<number, { name: string; email: string; items: SentItem[] }>();
    for (const r of rows) {
      const entry = byOrg.get(r.org_id) ?? { name: r.org_name, email: r.contact_email!, items: [] };
      entry.items.push({ id: r.id, title: r.title, districtName: r.district_name, dueDate: r.due_date });
      byOrg.set(r.org_id, entry);
      await trx
        .updateTable("measures")
        .set({ status: "sent", sent_at: iso, updated_at: iso })
        .where("id", "=", r.id)
        .where("status", "=", "proposed")
        .execute();
      await trx
        .insertInto("measure_events")
        .values({
          measure_id: r.id,
          at: iso,
          kind: "status",
          from_status: "proposed",
          to_status: "sent",
          actor_staff_id: staff.id,
          actor_label: DISTRICT_ACTOR,
          comment: null,
        })
        .execute();
      await logAudit(
        trx,
        {
          actor: staff,
          action: "measure.send",
          targetType: "measure",
          targetId: r.id,
          details: { from: "proposed", to: "sent", organisationId: r.org_id, dialogueId: opts.dialogueId },
          ip: opts.ip,
        },
        now,
      );
    }
    for (const org of byOrg.values()) {
      const mail = sentToPartyEmail(org.name, org.items, opts.baseUrl, config.SERVICE_OPERATOR);
      await queueEmail(trx, config, { kind: "measures_sent", dialogueId: opts.dialogueId ?? null, to: org.email, subject: mail.subject, text: mail.text }, now);
    }
    return { ok: true, sent: rows.length, emails: byOrg.size };
  });
}
