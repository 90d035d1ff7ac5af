/**
 * Every outgoing email goes through this table. Without SMTP_URL rows are
 * 'stored' and staff read them under /personal/utkorg; with it they are
 * 'pending' until a delivery run claims ('sending') and sends ('sent') them.
 * A claim older than CLAIM_STALE_MS (a crash mid-send) is retried.
 */
import crypto from "node:crypto";
import { sql, type ExpressionBuilder } from "kysely";
import type { Logger } from "pino";
import type { DB } from "../../../db/connection";
import type { Database, OutboxStatus } from "../../../db/schema";
import type { Config } from "~/config.server";
import { addJob } from "~/domain/common/jobs.server";
import { canSkipLocked } from "~/domain/common/locks";
import { EMAIL_PER_ADDRESS } from "~/domain/common/rate-budgets";
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

/**
 * Mail kinds that go to a resident's address which anyone could have typed, without the owner
 * confirming first: each counts against the address's daily cap (EMAIL_PER_ADDRESS,
 * ~/domain/common/rate-budgets.ts) and is refused over it. Exempt: updates to a measure's
 * confirmed followers (double opt-in, one per status change by staff) and every mail to staff
 * or organisations (invitations, measures sent, walk protocols).
 */
export const EMAIL_CAPPED_KINDS = ["registration", "waitlist_promoted", "reminder", "feedback", "measure_follow_confirm"] as const;
export type CappedEmailKind = (typeof EMAIL_CAPPED_KINDS)[number];

const isCapped = (kind: string): kind is CappedEmailKind => (EMAIL_CAPPED_KINDS as readonly string[]).includes(kind);

/** Queues a mail of an uncapped kind. A capped kind must go through queueCappedEmail (this throws). */
export async function queueEmail(db: DB, config: Pick<Config, "SMTP_URL">, mail: NewEmail, now: Date = new Date()): Promise<number> {
  if (isCapped(mail.kind)) throw new Error(`e-mail of kind ${mail.kind} is capped per address: use queueCappedEmail`);
  return insertOutbox(db, config, mail, now);
}

export type CappedQueueResult = { queued: true; id: number } | { queued: false; retryAfterSeconds: number };

/**
 * Queues a mail to a resident's address unless the address has had EMAIL_PER_ADDRESS mails of
 * the capped kinds in its current 24-hour window. Count and insert are one transaction (the
 * caller's, or its own): the upsert on the address's quota row locks it (a row lock on
 * PostgreSQL, the write lock on SQLite), so mails queued at once are counted one after another
 * and at most the cap gets in. A refusal writes nothing but that row.
 */
export async function queueCappedEmail(
  db: DB,
  config: Pick<Config, "SMTP_URL">,
  mail: NewEmail & { kind: CappedEmailKind },
  now: Date = new Date(),
): Promise<CappedQueueResult> {
  if (!db.isTransaction) return db.transaction().execute((trx) => queueCappedEmail(trx, config, mail, now));
  const hash = crypto.createHash("sha256").update(mail.to.trim().toLowerCase()).digest("hex");
  const nowIso = now.toISOString();
  const windowMs = EMAIL_PER_ADDRESS.seconds * 1000;
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  // Take (and lock) the address's row; a window that has passed starts afresh.
  const quota = await db
    .insertInto("email_address_quota")
    .values({ address_hash: hash, window_start: nowIso, sent: 0 })
    .onConflict((oc) =>
      oc.column("address_hash").doUpdateSet({
        window_start: sql<string>`case when email_address_quota.window_start <= ${cutoff} then ${nowIso} else email_address_quota.window_start end`,
        sent: sql<number>`case when email_address_quota.window_start <= ${cutoff} then 0 else email_address_quota.sent end`,
      }),
    )
    .returning(["window_start", "sent"])
    .executeTakeFirstOrThrow();
  if (Number(quota.sent) >= EMAIL_PER_ADDRESS.points) {
    const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(quota.window_start) + windowMs - now.getTime()) / 1000));
    return { queued: false, retryAfterSeconds };
  }
  await db
    .updateTable("email_address_quota")
    .set((eb) => ({ sent: eb("sent", "+", 1) }))
    .where("address_hash", "=", hash)
    .execute();
  return { queued: true, id: await insertOutbox(db, config, mail, now) };
}

/** Deletes quota rows whose window has passed (run from the periodic jobs). */
export async function purgeEmailQuotas(db: DB, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - EMAIL_PER_ADDRESS.seconds * 1000).toISOString();
  const res = await db.deleteFrom("email_address_quota").where("window_start", "<=", cutoff).executeTakeFirst();
  return Number(res.numDeletedRows);
}

async function insertOutbox(db: DB, config: Pick<Config, "SMTP_URL">, mail: NewEmail, now: Date): Promise<number> {
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
  // PostgreSQL: its delivery job is added by the same transaction (nothing is sent if it rolls back).
  if (config.SMTP_URL) await addJob(db, "deliver_email", { id: row.id }, { jobKey: `email:${row.id}`, maxAttempts: MAX_ATTEMPTS });
  return row.id;
}

/** The rows a delivery run may claim: new, failed with attempts left, or a claim gone stale (a crash mid-send). */
function claimable(eb: ExpressionBuilder<Database, "email_outbox">, stale: string) {
  return eb.or([
    eb("status", "=", "pending"),
    eb.and([eb("status", "=", "sending"), eb("claimed_at", "<", stale)]),
    eb.and([eb("status", "=", "failed"), eb("attempts", "<", MAX_ATTEMPTS)]),
  ]);
}

/**
 * Claims one deliverable row; null when there is none. The claim is a compare-and-set: the
 * update repeats the whole claimable condition, so of two deliverers that picked the same row
 * exactly one changes it (on PostgreSQL the second's update waits for the first's row lock and
 * then finds the row 'sending', not stale). On PostgreSQL the pick also skips rows another
 * deliverer has locked (FOR UPDATE SKIP LOCKED), so the second goes on with the next row.
 */
async function claimNext(db: DB, now: Date): Promise<{ id: number } | null> {
  const stale = new Date(now.getTime() - CLAIM_STALE_MS).toISOString();
  for (let tries = 0; tries < 20; tries++) {
    const result = await db.transaction().execute(async (trx) => {
      const candidate = await trx
        .selectFrom("email_outbox")
        .select(["id"])
        .where((eb) => claimable(eb, stale))
        .orderBy("id")
        .limit(1)
        .$if(canSkipLocked(trx), (qb) => qb.forUpdate().skipLocked())
        .executeTakeFirst();
      if (!candidate) return "none" as const;
      const claimed = await trx
        .updateTable("email_outbox")
        .set((eb) => ({ status: "sending", claimed_at: now.toISOString(), attempts: eb("attempts", "+", 1) }))
        .where("id", "=", candidate.id)
        .where((eb) => claimable(eb, stale))
        .executeTakeFirst();
      return Number(claimed.numUpdatedRows) === 1 ? candidate : ("lost" as const);
    });
    if (result === "none") return null;
    if (result !== "lost") return result;
    // Another deliverer claimed that row between our pick and our update: pick again.
  }
  return null;
}

/** Sends one claimed row and marks it sent; on failure marks it failed and rethrows. */
async function sendClaimed(db: DB, config: Pick<Config, "MAIL_FROM">, mailer: Mailer, id: number, now: () => Date): Promise<void> {
  const row = await db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  try {
    await mailer.send({
      from: config.MAIL_FROM,
      to: row.to_address,
      subject: row.subject,
      text: row.text_body,
      ics: row.ics_content ? { filename: row.ics_filename ?? "invite.ics", content: row.ics_content } : null,
    });
  } catch (err) {
    await db
      .updateTable("email_outbox")
      .set({ status: "failed", last_error: String((err as Error).message ?? err).slice(0, 500) })
      .where("id", "=", row.id)
      .execute();
    throw err;
  }
  await db.updateTable("email_outbox").set({ status: "sent", sent_at: now().toISOString(), last_error: null }).where("id", "=", row.id).execute();
}

/**
 * Delivers one outbox row (the queue's deliver_email job, PostgreSQL). The claim is the same
 * compare-and-set as deliverPending's, so a row is sent once however many workers and sweeps
 * try. Returns false when there was nothing to send (already sent, taken by another worker, no
 * attempts left). A failed send marks the row failed and throws, so the queue retries the job
 * later with exponential backoff; other rows' jobs are not held up.
 */
export async function deliverOne(
  db: DB,
  config: Pick<Config, "SMTP_URL" | "MAIL_FROM">,
  id: number,
  opts: { now?: () => Date; mailer?: Mailer } = {},
): Promise<boolean> {
  if (!config.SMTP_URL) return false;
  const now = opts.now ?? (() => new Date());
  const stale = new Date(now().getTime() - CLAIM_STALE_MS).toISOString();
  const claimed = await db
    .updateTable("email_outbox")
    .set((eb) => ({ status: "sending", claimed_at: now().toISOString(), attempts: eb("attempts", "+", 1) }))
    .where("id", "=", id)
    .where((eb) => claimable(eb, stale))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  const mailer = opts.mailer ?? createSmtpMailer(config.SMTP_URL);
  try {
    await sendClaimed(db, config, mailer, id, now);
    return true;
  } finally {
    if (!opts.mailer) mailer.close();
  }
}

/** Ids of the rows a delivery could claim now (the queue's sweep re-adds their jobs). */
export async function deliverableIds(db: DB, now: Date = new Date(), limit = 500): Promise<number[]> {
  const stale = new Date(now.getTime() - CLAIM_STALE_MS).toISOString();
  const rows = await db
    .selectFrom("email_outbox")
    .select("id")
    .where((eb) => claimable(eb, stale))
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
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
      try {
        await sendClaimed(db, config, mailer, claim.id, now);
        sent++;
      } catch (err) {
        logger.warn({ err, outboxId: claim.id }, "email delivery failed");
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
