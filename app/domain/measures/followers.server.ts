/**
 * Following a measure by email: double opt-in (nothing is sent but the
 * confirmation until the link is used), an unsubscribe link in every update,
 * and the address deleted when the measure closes (verified or declined).
 * Outbox rows holding a follower's address are purged after OUTBOX_RETENTION_DAYS.
 */
import crypto from "node:crypto";
import type { Transaction } from "kysely";
import type { DB } from "../../../db/connection";
import type { Database } from "../../../db/schema";
import type { Config } from "~/config.server";
import { logAudit } from "~/domain/audit/audit.server";
import { queueCappedEmail, queueEmail } from "~/domain/email/outbox.server";
import type { BudgetCheck } from "~/domain/common/rate-limits.server";
import { followConfirmEmail, followUpdateEmail } from "~/domain/measures/emails.server";
import { isClosed, type MeasureStatus } from "~/domain/measures/status";

export const OUTBOX_RETENTION_DAYS = 30;
/** An unconfirmed request is forgotten after this long. */
export const UNCONFIRMED_TTL_DAYS = 7;

type Trx = Transaction<Database> | DB;
type FollowConfig = Pick<Config, "SMTP_URL" | "SERVICE_OPERATOR" | "SESSION_SECRET">;

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
const purgeAfter = (now: Date) => new Date(now.getTime() + OUTBOX_RETENTION_DAYS * 86400e3).toISOString();

/** Unsubscribe tokens are derived, so the raw confirmation token never needs storing. */
export function unsubscribeToken(secret: string, followerId: number): string {
  const sig = crypto.createHmac("sha256", secret).update(`measure-unfollow:${followerId}`).digest("base64url").slice(0, 32);
  return `${followerId}-${sig}`;
}

function verifyUnsubscribeToken(secret: string, token: string): number | null {
  const m = /^(\d{1,9})-([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  const expected = Buffer.from(unsubscribeToken(secret, Number(m[1])));
  const given = Buffer.from(token);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? Number(m[1]) : null;
}

/** The address has had its daily e-mail cap (`emailCap`), or the public budget refused (`tooMany`): nothing was stored. */
export type FollowResult = "ok" | "not_found" | "closed" | { emailCap: true; retryAfterSeconds: number } | { tooMany: true; retryAfterSeconds: number };

/**
 * Always answers "check your inbox" for an open measure, whether or not the address already
 * follows it, unless the address has had its daily e-mail cap (queueCappedEmail): then nothing
 * is stored and the resident is told so.
 */
export async function requestFollow(
  db: DB,
  config: FollowConfig,
  measureId: number,
  email: string,
  opts: { baseUrl: string; now?: Date; gate?: BudgetCheck },
): Promise<FollowResult> {
  const now = opts.now ?? new Date();
  const m = await db.selectFrom("measures").select(["id", "title", "status"]).where("id", "=", measureId).executeTakeFirst();
  if (!m) return "not_found";
  if (isClosed(m.status as MeasureStatus)) return "closed";
  // The public budget (docs/security.md "Limits"), before anything is written.
  const refused = opts.gate ? await opts.gate() : null;
  if (refused) return { tooMany: true, retryAfterSeconds: refused.retryAfterSeconds };
  const token = crypto.randomBytes(24).toString("base64url");
  return db.transaction().execute(async (trx): Promise<FollowResult> => {
    const existing = await trx
      .selectFrom("measure_followers")
      .select(["id", "confirmed_at"])
      .where("measure_id", "=", measureId)
      .where("email", "=", email)
      .executeTakeFirst();
    if (existing?.confirmed_at) return "ok";
    // The mail first: over the cap nothing else is written.
    const mail = followConfirmEmail(m.title, new URL(`/atgarder/folj/${token}`, opts.baseUrl).toString(), config.SERVICE_OPERATOR);
    const queued = await queueCappedEmail(
      trx,
      config,
      { kind: "measure_follow_confirm", to: email, subject: mail.subject, text: mail.text, purgeAfter: purgeAfter(now) },
      now,
    );
    if (!queued.queued) return { emailCap: true, retryAfterSeconds: queued.retryAfterSeconds };
    if (existing)
      await trx
        .updateTable("measure_followers")
        .set({ token_hash: sha256(token), created_at: now.toISOString() })
        .where("id", "=", existing.id)
        .execute();
    else
      await trx
        .insertInto("measure_followers")
        .values({ measure_id: measureId, email, token_hash: sha256(token), created_at: now.toISOString() })
        .execute();
    return "ok";
  });
}

export async function findPendingFollow(db: DB, token: string) {
  return db
    .selectFrom("measure_followers")
    .innerJoin("measures", "measures.id", "measure_followers.measure_id")
    .select(["measure_followers.id", "measure_followers.confirmed_at", "measures.id as measure_id", "measures.title"])
    .where("measure_followers.token_hash", "=", sha256(token))
    .executeTakeFirst();
}

export async function confirmFollow(db: DB, token: string, now: Date = new Date()): Promise<{ measureId: number } | null> {
  const row = await findPendingFollow(db, token);
  if (!row) return null;
  if (!row.confirmed_at) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("measure_followers").set({ confirmed_at: now.toISOString() }).where("id", "=", row.id).execute();
      // No address in the audit log: the follower id is enough to trace the change.
      await logAudit(
        trx,
        { actor: null, action: "measure.follow_confirmed", targetType: "measure", targetId: row.measure_id, details: { followerId: row.id } },
        now,
      );
    });
  }
  return { measureId: row.measure_id };
}

export async function findFollowerByUnsubscribeToken(db: DB, secret: string, token: string) {
  const id = verifyUnsubscribeToken(secret, token);
  if (id === null) return null;
  return db
    .selectFrom("measure_followers")
    .innerJoin("measures", "measures.id", "measure_followers.measure_id")
    .select(["measure_followers.id", "measures.id as measure_id", "measures.title"])
    .where("measure_followers.id", "=", id)
    .executeTakeFirst();
}

export async function unsubscribe(db: DB, secret: string, token: string, now: Date = new Date()): Promise<{ measureId: number } | null> {
  const row = await findFollowerByUnsubscribeToken(db, secret, token);
  if (!row) return null;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("measure_followers").where("id", "=", row.id).execute();
    await logAudit(trx, { actor: null, action: "measure.unfollow", targetType: "measure", targetId: row.measure_id, details: { followerId: row.id } }, now);
  });
  return { measureId: row.measure_id };
}

/**
 * Inside a status change's transaction: tells confirmed followers, and when the
 * measure has closed, deletes every follower row (confirmed or not).
 */
export async function notifyFollowers(
  trx: Trx,
  config: FollowConfig,
  m: { id: number; title: string },
  status: MeasureStatus,
  comment: string | null,
  opts: { baseUrl: string; now: Date },
): Promise<number> {
  const followers = await trx
    .selectFrom("measure_followers")
    .select(["id", "email"])
    .where("measure_id", "=", m.id)
    .where("confirmed_at", "is not", null)
    .execute();
  const closed = isClosed(status);
  for (const f of followers) {
    const mail = followUpdateEmail(
      m,
      status,
      comment,
      closed,
      {
        page: new URL(`/atgarder/${m.id}`, opts.baseUrl).toString(),
        unsubscribe: new URL(`/atgarder/avfolj/${unsubscribeToken(config.SESSION_SECRET, f.id)}`, opts.baseUrl).toString(),
      },
      config.SERVICE_OPERATOR,
    );
    await queueEmail(
      trx as DB,
      config,
      { kind: "measure_update", to: f.email, subject: mail.subject, text: mail.text, purgeAfter: purgeAfter(opts.now) },
      opts.now,
    );
  }
  if (closed) await trx.deleteFrom("measure_followers").where("measure_id", "=", m.id).execute();
  return followers.length;
}

/** Forgets follow requests never confirmed. Run from the periodic jobs. */
export async function purgeUnconfirmedFollowers(db: DB, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNCONFIRMED_TTL_DAYS * 86400e3).toISOString();
  const res = await db.deleteFrom("measure_followers").where("confirmed_at", "is", null).where("created_at", "<", cutoff).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function countFollowers(db: DB, measureId: number): Promise<number> {
  const r = await db
    .selectFrom("measure_followers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("measure_id", "=", measureId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
