import { lockRow } from "~/domain/common/locks";
import type { BudgetCheck } from "~/domain/common/rate-limits.server";
import crypto from "node:crypto";
import type { DB } from "../../../db/connection";
import type { RegistrationMode, RegistrationStatus } from "../../../db/schema";
import type { Config } from "~/config.server";
import { queueCappedEmail } from "~/domain/email/outbox.server";
import { getDialogue, type Dialogue } from "~/domain/dialogues/dialogues.server";
import type { RegistrationInput } from "~/domain/dialogues/dialogue.schema";
import { feedbackEmail, promotedEmail, registrationEmail, reminderEmail } from "~/domain/dialogues/emails.server";
import { addDays } from "~/domain/common/time";
import { registrationOpen } from "~/domain/dialogues/lifecycle";

type MailConfig = Pick<Config, "SMTP_URL" | "SERVICE_OPERATOR" | "REGISTRATION_RETENTION_DAYS">;

export const REMINDER_HOURS = 24;

function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function cancelUrl(baseUrl: string, token: string) {
  return new URL(`/dialoger/avboka/${token}`, baseUrl).toString();
}

/** When a registration's contact details are deleted: the retention period after the dialogue ends. */
export function deletionDate(d: Pick<Dialogue, "endsAt">, retentionDays: number): string {
  return addDays(new Date(d.endsAt), retentionDays).toISOString();
}

export function modeAllowed(format: Dialogue["format"], mode: RegistrationMode): boolean {
  return mode === "in_person" ? format !== "digital" : format !== "in_person";
}

export async function seatsTaken(db: DB, dialogueId: number): Promise<number> {
  const row = await db
    .selectFrom("dialogue_registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("dialogue_id", "=", dialogueId)
    .where("mode", "=", "in_person")
    .where("status", "=", "confirmed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type RegisterResult =
  | { ok: true; status: "confirmed" | "waitlisted"; token: string; cancelUrl: string; deleteAfter: string | null; emailed: boolean }
  | { ok: false; errors: Record<string, string> }
  /** The address has had its daily e-mail cap, or the public budget refused: nothing was stored. */
  | { ok: false; errors: Record<string, string>; retryAfterSeconds: number }
  | { ok: false; notFound: true };

/**
 * A resident registers without an account. Name and email are kept only when
 * they asked for a reminder and återkoppling. When the in-person seats are
 * taken they must accept the waitlist explicitly. The seat check and the
 * insert run in one transaction that first locks the dialogue row, so a seat
 * cannot be sold twice on SQLite or PostgreSQL (test/concurrency/limits.test.ts).
 */
export async function register(
  db: DB,
  config: MailConfig,
  dialogueId: number,
  input: RegistrationInput,
  opts: { now?: Date; baseUrl: string; gate?: BudgetCheck },
): Promise<RegisterResult> {
  const now = opts.now ?? new Date();
  const d = await getDialogue(db, dialogueId);
  if (!d || d.status === "draft") return { ok: false, notFound: true };
  if (!registrationOpen(d, now)) return { ok: false, errors: { _form: "dialogues.errors.registrationClosed" } };
  if (!modeAllowed(d.format, input.mode)) return { ok: false, errors: { mode: "dialogues.errors.modeNotOffered" } };
  // The public budget (docs/security.md "Limits"), before anything is written.
  const refused = opts.gate ? await opts.gate() : null;
  if (refused) return { ok: false, errors: { _form: "limits.tooMany" }, retryAfterSeconds: refused.retryAfterSeconds };
  const token = crypto.randomBytes(24).toString("base64url");
  const deleteAfter = deletionDate(d, config.REGISTRATION_RETENTION_DAYS);
  return db.transaction().execute(async (trx): Promise<RegisterResult> => {
    if (!(await lockRow(trx, "dialogues", d.id))) return { ok: false as const, notFound: true as const };
    let status: "confirmed" | "waitlisted" = "confirmed";
    if (input.mode === "in_person" && d.capacity !== null && (await seatsTaken(trx, d.id)) >= d.capacity) {
      if (!input.acceptWaitlist) return { ok: false as const, errors: { mode: "dialogues.errors.full" } };
      status = "waitlisted";
    }
    const url = cancelUrl(opts.baseUrl, token);
    // The confirmation first: over the address's daily cap nothing is stored.
    if (input.email && input.wantsUpdates) {
      const mail = registrationEmail(d, { status, mode: input.mode, cancelUrl: url, deleteAfter }, opts.baseUrl, config.SERVICE_OPERATOR);
      const queued = await queueCappedEmail(
        trx,
        config,
        { kind: "registration", dialogueId: d.id, to: input.email, subject: mail.subject, text: mail.text, purgeAfter: deleteAfter },
        now,
      );
      if (!queued.queued) return { ok: false as const, errors: { email: "limits.emailCap" }, retryAfterSeconds: queued.retryAfterSeconds };
    }
    await trx
      .insertInto("dialogue_registrations")
      .values({
        dialogue_id: d.id,
        mode: input.mode,
        status,
        name: input.name,
        email: input.email,
        wants_updates: input.wantsUpdates && input.email ? 1 : 0,
        accessibility_needs: input.accessibilityNeeds,
        cancel_token_hash: hashToken(token),
        delete_after: deleteAfter,
        created_at: now.toISOString(),
      })
      .execute();
    return {
      ok: true as const,
      status,
      token,
      cancelUrl: url,
      deleteAfter: input.email ? deleteAfter : null,
      emailed: Boolean(input.email && input.wantsUpdates),
    };
  });
}

export async function findByToken(db: DB, token: string) {
  if (!/^[\w-]{20,64}$/.test(token)) return null;
  const row = await db
    .selectFrom("dialogue_registrations")
    .select(["id", "dialogue_id", "mode", "status"])
    .where("cancel_token_hash", "=", hashToken(token))
    .executeTakeFirst();
  return row ? { id: row.id, dialogueId: row.dialogue_id, mode: row.mode, status: row.status } : null;
}

/**
 * Cancels by the secret link. Contact details are deleted at once. A freed
 * in-person seat goes to the first on the waitlist, who is told by email if they gave one.
 */
export async function cancelRegistration(
  db: DB,
  config: MailConfig,
  token: string,
  opts: { now?: Date; baseUrl: string },
): Promise<"cancelled" | "already" | "not_found"> {
  const now = opts.now ?? new Date();
  const reg = await findByToken(db, token);
  if (!reg) return "not_found";
  if (reg.status === "cancelled") return "already";
  const d = await getDialogue(db, reg.dialogueId);
  if (!d) return "not_found";
  await db.transaction().execute(async (trx) => {
    // The freed seat is handed on under the same lock as registrations take it.
    await lockRow(trx, "dialogues", d.id);
    const contact = await trx.selectFrom("dialogue_registrations").select("email").where("id", "=", reg.id).executeTakeFirst();
    if (contact?.email) {
      // Nothing more goes to someone who cancelled.
      await trx
        .deleteFrom("email_outbox")
        .where("dialogue_id", "=", d.id)
        .where("to_address", "=", contact.email)
        .where("status", "in", ["pending", "failed"])
        .execute();
    }
    await trx
      .updateTable("dialogue_registrations")
      .set({ status: "cancelled", cancelled_at: now.toISOString(), name: null, email: null, accessibility_needs: null, wants_updates: 0 })
      .where("id", "=", reg.id)
      .execute();
    if (reg.mode === "in_person" && reg.status === "confirmed" && d.capacity !== null && (await seatsTaken(trx, d.id)) < d.capacity) {
      const next = await trx
        .selectFrom("dialogue_registrations")
        .select(["id", "email", "wants_updates", "delete_after"])
        .where("dialogue_id", "=", d.id)
        .where("mode", "=", "in_person")
        .where("status", "=", "waitlisted")
        .orderBy("id")
        .limit(1)
        .executeTakeFirst();
      if (next) {
        // A fresh cancel link: the old one is only known to the resident as a hash.
        const newToken = crypto.randomBytes(24).toString("base64url");
        await trx
          .updateTable("dialogue_registrations")
          .set({ status: "confirmed", cancel_token_hash: hashToken(newToken) })
          .where("id", "=", next.id)
          .execute();
        if (next.email && next.wants_updates) {
          const mail = promotedEmail(
            d,
            { cancelUrl: cancelUrl(opts.baseUrl, newToken), deleteAfter: next.delete_after },
            opts.baseUrl,
            config.SERVICE_OPERATOR,
          );
          // Over the address's daily cap the seat is still given; only the mail is left out.
          await queueCappedEmail(
            trx,
            config,
            { kind: "waitlist_promoted", dialogueId: d.id, to: next.email, subject: mail.subject, text: mail.text, purgeAfter: next.delete_after },
            now,
          );
        }
      }
    }
  });
  return "cancelled";
}

export interface RegistrationRow {
  id: number;
  mode: RegistrationMode;
  status: RegistrationStatus;
  name: string | null;
  email: string | null;
  wantsUpdates: boolean;
  accessibilityNeeds: string | null;
  createdAt: string;
  deleteAfter: string;
}

/** For the dialogue's owners only (dialogues.manage). */
export async function listRegistrations(db: DB, dialogueId: number): Promise<RegistrationRow[]> {
  const rows = await db.selectFrom("dialogue_registrations").selectAll().where("dialogue_id", "=", dialogueId).orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    mode: r.mode,
    status: r.status,
    name: r.name,
    email: r.email,
    wantsUpdates: r.wants_updates === 1,
    accessibilityNeeds: r.accessibility_needs,
    createdAt: r.created_at,
    deleteAfter: r.delete_after,
  }));
}

/**
 * Queues the 24-hour reminders that are due. Each row is claimed by setting
 * reminder_queued_at in the same transaction that queues its email, so a
 * crash or restart can neither lose a reminder nor send it twice. Residents
 * who registered inside the 24 hours already have their confirmation.
 */
export async function queueDueReminders(db: DB, config: MailConfig, opts: { now?: Date; baseUrl: string }): Promise<number> {
  const now = opts.now ?? new Date();
  const horizon = new Date(now.getTime() + REMINDER_HOURS * 3600e3).toISOString();
  const due = await db
    .selectFrom("dialogue_registrations as r")
    .innerJoin("dialogues as d", "d.id", "r.dialogue_id")
    .select(["r.id", "r.dialogue_id", "r.email", "r.mode", "r.delete_after", "r.created_at", "d.starts_at"])
    .where("r.status", "=", "confirmed")
    .where("r.wants_updates", "=", 1)
    .where("r.email", "is not", null)
    .where("r.reminder_queued_at", "is", null)
    .where("d.status", "in", ["published", "ongoing"])
    .where("d.starts_at", ">", now.toISOString())
    .where("d.starts_at", "<=", horizon)
    .orderBy("r.id")
    .limit(500)
    .execute();
  let queued = 0;
  const dialogues = new Map<number, Dialogue | null>();
  for (const r of due) {
    const cutoff = Date.parse(r.starts_at) - REMINDER_HOURS * 3600e3;
    if (!dialogues.has(r.dialogue_id)) dialogues.set(r.dialogue_id, await getDialogue(db, r.dialogue_id));
    const d = dialogues.get(r.dialogue_id);
    if (!d) continue;
    await db.transaction().execute(async (trx) => {
      const claim = await trx
        .updateTable("dialogue_registrations")
        .set({ reminder_queued_at: now.toISOString() })
        .where("id", "=", r.id)
        .where("reminder_queued_at", "is", null)
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) return;
      if (Date.parse(r.created_at) >= cutoff) return; // registered inside the window: marked, not reminded
      const mail = reminderEmail(d, { mode: r.mode, deleteAfter: r.delete_after }, opts.baseUrl, config.SERVICE_OPERATOR);
      // Over the address's daily cap the reminder is marked as handled and not sent.
      const res = await queueCappedEmail(
        trx,
        config,
        { kind: "reminder", dialogueId: d.id, to: r.email!, subject: mail.subject, text: mail.text, purgeAfter: r.delete_after },
        now,
      );
      if (res.queued) queued++;
    });
  }
  return queued;
}

/** Emails the published återkoppling to everyone who opted in. Runs inside the publishing transaction. */
export async function queueFeedbackEmails(trx: DB, config: MailConfig, d: Dialogue, opts: { now: Date; baseUrl: string }): Promise<number> {
  const rows = await trx
    .selectFrom("dialogue_registrations")
    .select(["id", "email", "delete_after"])
    .where("dialogue_id", "=", d.id)
    .where("status", "in", ["confirmed", "waitlisted"])
    .where("wants_updates", "=", 1)
    .where("email", "is not", null)
    .where("feedback_queued_at", "is", null)
    .execute();
  const mail = feedbackEmail(d, opts.baseUrl, config.SERVICE_OPERATOR);
  let queued = 0;
  for (const r of rows) {
    // Over the address's daily cap the återkoppling mail is left out (the page is public).
    const res = await queueCappedEmail(
      trx,
      config,
      { kind: "feedback", dialogueId: d.id, to: r.email!, subject: mail.subject, text: mail.text, purgeAfter: r.delete_after },
      opts.now,
    );
    if (res.queued) queued++;
    await trx.updateTable("dialogue_registrations").set({ feedback_queued_at: opts.now.toISOString() }).where("id", "=", r.id).execute();
  }
  return queued;
}

/** Deletes contact details whose retention has passed; the anonymous row stays for the attendance figures. */
export async function purgeExpiredContacts(db: DB, now: Date = new Date()): Promise<number> {
  const res = await db
    .updateTable("dialogue_registrations")
    .set({ name: null, email: null, accessibility_needs: null, wants_updates: 0 })
    .where("delete_after", "<=", now.toISOString())
    .where((eb) => eb.or([eb("name", "is not", null), eb("email", "is not", null), eb("accessibility_needs", "is not", null)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
