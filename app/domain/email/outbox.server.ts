/**
 * Every outgoing email goes through this table. Without SMTP_URL rows are
 * 'stored' and staff read them under /personal/utkorg; with it they are
 * 'pending' until a delivery run claims ('sending') and sends ('sent') them.
 * A claim older than CLAIM_STALE_MS (a crash mid-send) is retried.
 */
import type { Logger } from "pino";
import type { DB } from "../../../db/connection";
import type { OutboxStatus } from "../../../db/schema";
import type { Config } from "~/config.server";
import { createSmtpMailer, type Mailer } from "~/domain/email/mailer.server";

export const CLAIM_STALE_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 5;

export interface NewEmail {
  kind: string;
  dialogueId?: number | null;
  to: string;
  subject: string;
  text: string;
  ics?: { filename: string; content: string } | null;
  /** When the row (holding a resident's address) must be deleted. */
  purgeAfter?: string | null;
}

export async function queueEmail(db: DB, config: Pick<Config, "SMTP_URL">, mail: NewEmail, now: Date = new Date()): Promise<number> {
  const row = await db
    .insertInto("email_outbox")
    .values({
      created_at: now.toISOString(),
      kind: mail.kind,
      dialogue_id: mail.dialogueId ?? null,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      ics_filename: mail.ics?.filename ?? null,
      ics_content: mail.ics?.content ?? null,
      status: config.SMTP_URL ? "pending" : "stored",
      purge_after: mail.purgeAfter ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Claims one deliverable row atomically; null when there is none. */
async function claimNext(db: DB, now: Date): Promise<{ id: number } | null> {
  const stale = new Date(now.getTime() - CLAIM_STALE_MS).toISOString();
  return db.transaction().execute(async (trx) => {
    const candidate = await trx
      .selectFrom("email_outbox")
      .select(["id"])
      .where((eb) =>
        eb.or([
          eb("status", "=", "pending"),
          eb.and([eb("status", "=", "sending"), eb("claimed_at", "<", stale)]),
          eb.and([eb("status", "=", "failed"), eb("attempts", "<", MAX_ATTEMPTS)]),
        ]),
      )
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    if (!candidate) return null;
    const claimed = await trx
      .updateTable("email_outbox")
      .set((eb) => ({ status: "sending", claimed_at: now.toISOString(), attempts: eb("attempts", "+", 1) }))
      .where("id", "=", candidate.id)
      .where("status", "!=", "sent")
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1 ? candidate : null;
  });
}

/** Sends what is waiting. Returns how many were sent. No-op without SMTP_URL. */
export async function deliverPending(
  db: DB,
  config: Pick<Config, "SMTP_URL" | "MAIL_FROM">,
  logger: Logger,
  opts: { now?: () => Date; mailer?: Mailer; max?: number } = {},
): Promise<number> {
  if (!config.SMTP_URL) return 0;
  const now = opts.now ?? (() => new Date());
  const mailer = opts.mailer ?? createSmtpMailer(config.SMTP_URL);
  let sent = 0;
  try {
    for (let i = 0; i < (opts.max ?? 100); i++) {
      const claim = await claimNext(db, now());
      if (!claim) break;
      const row = await db.selectFrom("email_outbox").selectAll().where("id", "=", claim.id).executeTakeFirstOrThrow();
      try {
        await mailer.send({
          from: config.MAIL_FROM,
          to: row.to_address,
          subject: row.subject,
          text: row.text_body,
          ics: row.ics_content ? { filename: row.ics_filename ?? "invite.ics", content: row.ics_content } : null,
        });
        await db.updateTable("email_outbox").set({ status: "sent", sent_at: now().toISOString(), last_error: null }).where("id", "=", row.id).execute();
        sent++;
      } catch (err) {
        logger.warn({ err, outboxId: row.id }, "email delivery failed");
        await db
          .updateTable("email_outbox")
          .set({ status: "failed", last_error: String((err as Error).message ?? err).slice(0, 500) })
          .where("id", "=", row.id)
          .execute();
        break; // the server is probably down; the next run retries
      }
    }
  } finally {
    if (!opts.mailer) mailer.close();
  }
  return sent;
}

export interface OutboxItem {
  id: number;
  createdAt: string;
  kind: string;
  dialogueId: number | null;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  sentAt: string | null;
  lastError: string | null;
}

export interface OutboxMessage extends OutboxItem {
  text: string;
  icsFilename: string | null;
  icsContent: string | null;
}

export async function listOutbox(db: DB, opts: { before?: number; limit?: number } = {}): Promise<OutboxItem[]> {
  let q = db
    .selectFrom("email_outbox")
    .selectAll()
    .orderBy("id", "desc")
    .limit(opts.limit ?? 50);
  if (opts.before) q = q.where("id", "<", opts.before);
  return (await q.execute()).map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    kind: r.kind,
    dialogueId: r.dialogue_id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    sentAt: r.sent_at,
    lastError: r.last_error,
  }));
}

export async function getOutboxMessage(db: DB, id: number): Promise<OutboxMessage | null> {
  const r = await db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    createdAt: r.created_at,
    kind: r.kind,
    dialogueId: r.dialogue_id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    sentAt: r.sent_at,
    lastError: r.last_error,
    text: r.text_body,
    icsFilename: r.ics_filename,
    icsContent: r.ics_content,
  };
}

/** Deletes rows whose retention has passed (they hold residents' addresses). */
export async function purgeOutbox(db: DB, now: Date = new Date()): Promise<number> {
  const res = await db.deleteFrom("email_outbox").where("purge_after", "<=", now.toISOString()).executeTakeFirst();
  return Number(res.numDeletedRows);
}
