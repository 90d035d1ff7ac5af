/**
 * The live Q&A services for residents: submit, vote, "my questions", tallies.
 * Every function takes `db` first and returns what the caller must publish *after*
 * the commit (see app/realtime/publisher.server.ts); nothing here touches socket.io.
 * Moderation lives in moderation-actions.server.ts; the event log in qa-core.server.ts.
 */
import { isUniqueViolation, lockRow } from "~/domain/common/locks";
import type { BudgetCheck, BudgetRefusal } from "~/domain/common/rate-limits.server";
import type { DB } from "../../../db/connection";
import { prescreen, type Flag } from "~/domain/common/screening/prescreen";
import { swedishBlocklist } from "~/domain/common/screening/swedish.server";
import type { SubmitQuestionInput } from "~/domain/questions/questions.schema";
import { PUBLIC_STATUSES, type QuestionStatus } from "~/domain/questions/status";
import {
  dialogueAcceptsQuestions,
  isPublic,
  none,
  openDialogue,
  publicTally,
  QA_LIMITS,
  queueDeltaFor,
  recountVotes,
  toPublic,
  type PublicQuestion,
  type QaEffects,
  type QaError,
} from "~/domain/questions/qa-core.server";

export * from "~/domain/questions/qa-core.server";
export * from "~/domain/questions/moderation-actions.server";

export type SubmitResult =
  { ok: true; questionId: number; status: QuestionStatus; duplicate: boolean; effects: QaEffects } | { ok: false; error: QaError } | BudgetRefusal;

/**
 * Stores a resident's question. `gate` (the public budgets, docs/security.md "Limits") runs
 * after the replay check, so a retried submit is never refused, and before anything is written.
 */
export async function submitQuestion(
  db: DB,
  input: SubmitQuestionInput & { participantId: string },
  now: Date = new Date(),
  gate?: BudgetCheck,
): Promise<SubmitResult> {
  // A retried submit (same idempotency key) returns the stored question, never a second one.
  const existing = await db
    .selectFrom("questions")
    .select(["id", "status", "participant_id"])
    .where("dialogue_id", "=", input.dialogueId)
    .where("idempotency_key", "=", input.idempotencyKey)
    .executeTakeFirst();
  if (existing) {
    if (existing.participant_id !== input.participantId) return { ok: false, error: "duplicate_key_other_device" };
    return { ok: true, questionId: existing.id, status: existing.status, duplicate: true, effects: none() };
  }
  const refused = gate ? await gate() : null;
  if (refused) return refused;
  const dialogue = await openDialogue(db, input.dialogueId);
  if (!dialogue || dialogue.status === "draft") return { ok: false, error: "not_found" };
  if (!(await dialogueAcceptsQuestions(db, input.dialogueId))) return { ok: false, error: "closed" };

  const others = await db
    .selectFrom("questions")
    .select(["id", "text"])
    .where("dialogue_id", "=", input.dialogueId)
    .where("status", "in", ["waiting", ...PUBLIC_STATUSES])
    .orderBy("id", "desc")
    .limit(500)
    .execute();
  const flags: Flag[] = prescreen(input.text, { existing: others, blocklist: swedishBlocklist() });

  try {
    return await db.transaction().execute(async (trx): Promise<SubmitResult> => {
      // The per-device limits are read after locking the dialogue: parallel asks from one device queue up here.
      if (!(await lockRow(trx, "dialogues", input.dialogueId))) return { ok: false, error: "not_found" };
      // A retry sent at the same time as the first submit waited on the lock: it gets the stored question, not a rate refusal.
      const replayed = await trx
        .selectFrom("questions")
        .select(["id", "status", "participant_id"])
        .where("dialogue_id", "=", input.dialogueId)
        .where("idempotency_key", "=", input.idempotencyKey)
        .executeTakeFirst();
      if (replayed) {
        if (replayed.participant_id !== input.participantId) return { ok: false, error: "duplicate_key_other_device" };
        return { ok: true, questionId: replayed.id, status: replayed.status, duplicate: true, effects: none() };
      }
      const counts = await trx
        .selectFrom("questions")
        .select([
          (eb) => eb.fn.countAll<number>().as("total"),
          (eb) =>
            eb.fn
              .sum<number>(
                eb
                  .case()
                  .when("created_at", ">", new Date(now.getTime() - 60_000).toISOString())
                  .then(1)
                  .else(0)
                  .end(),
              )
              .as("recent"),
        ])
        .where("dialogue_id", "=", input.dialogueId)
        .where("participant_id", "=", input.participantId)
        .executeTakeFirstOrThrow();
      if (Number(counts.recent ?? 0) >= QA_LIMITS.perMinute || Number(counts.total) >= QA_LIMITS.perDialogue) {
        return { ok: false, error: "rate_limited" };
      }
      const row = await trx
        .insertInto("questions")
        .values({
          dialogue_id: input.dialogueId,
          participant_id: input.participantId,
          idempotency_key: input.idempotencyKey,
          text: input.text,
          display_name: input.displayName,
          flags: JSON.stringify(flags),
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .returning(["id", "status"])
        .executeTakeFirstOrThrow();
      return {
        ok: true,
        questionId: row.id,
        status: row.status,
        duplicate: false,
        effects: { ...none(), queue: await queueDeltaFor(trx, input.dialogueId, row.id, now), counts: await publicTally(trx, input.dialogueId) },
      };
    });
  } catch (err) {
    // Two concurrent retries: the unique (dialogue, key) index lets exactly one in; the other gets the stored one.
    if (isUniqueViolation(err)) return submitQuestion(db, input, now);
    throw err;
  }
}

export type VoteResult = { ok: true; voted: boolean; votes: number; version: number; effects: QaEffects } | { ok: false; error: QaError };

/** Sets (not blindly toggles) the participant's vote, so a retried request is harmless. */
export async function setVote(
  db: DB,
  input: { dialogueId: number; questionId: number; voted: boolean; participantId: string },
  now: Date = new Date(),
): Promise<VoteResult> {
  return db.transaction().execute(async (trx) => {
    // Votes on one question queue up behind its row lock, so the count below includes every
    // committed vote (on PostgreSQL a concurrent vote would otherwise recount from an older snapshot).
    if (!(await lockRow(trx, "questions", input.questionId))) return { ok: false as const, error: "not_found" };
    const q = await trx.selectFrom("questions").select(["id", "dialogue_id", "status"]).where("id", "=", input.questionId).executeTakeFirst();
    if (!q || q.dialogue_id !== input.dialogueId || !isPublic(q.status)) return { ok: false as const, error: "not_found" };
    if (input.voted) {
      await trx
        .insertInto("question_votes")
        .values({ question_id: q.id, participant_id: input.participantId, created_at: now.toISOString() })
        .onConflict((oc) => oc.doNothing())
        .execute();
    } else {
      await trx.deleteFrom("question_votes").where("question_id", "=", q.id).where("participant_id", "=", input.participantId).execute();
    }
    const row = await trx
      .updateTable("questions")
      .set(recountVotes(q.id))
      .where("id", "=", q.id)
      .returning(["vote_count", "tally_version"])
      .executeTakeFirstOrThrow();
    return {
      ok: true as const,
      voted: input.voted,
      votes: row.vote_count,
      version: row.tally_version,
      effects: { ...none(), tally: { dialogueId: input.dialogueId, questionId: q.id, votes: row.vote_count, version: row.tally_version } },
    };
  });
}

export async function myVotes(db: DB, dialogueId: number, participantId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("question_votes")
    .innerJoin("questions", "questions.id", "question_votes.question_id")
    .select("questions.id")
    .where("questions.dialogue_id", "=", dialogueId)
    .where("question_votes.participant_id", "=", participantId)
    .execute();
  return rows.map((r) => r.id);
}

export interface MyQuestion {
  id: number;
  text: string;
  status: QuestionStatus;
  rule: string | null;
  answer: string | null;
  writtenDueDate: string | null;
  createdAt: string;
}

export async function myQuestions(db: DB, dialogueId: number, participantId: string): Promise<MyQuestion[]> {
  const rows = await db
    .selectFrom("questions")
    .select(["id", "text", "status", "reject_rule", "answer", "written_due_date", "created_at"])
    .where("dialogue_id", "=", dialogueId)
    .where("participant_id", "=", participantId)
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    status: r.status,
    rule: r.reject_rule,
    answer: r.answer,
    writtenDueDate: r.written_due_date,
    createdAt: r.created_at,
  }));
}

export async function answeredQuestions(db: DB, dialogueId: number): Promise<PublicQuestion[]> {
  const rows = await db
    .selectFrom("questions")
    .selectAll()
    .where("dialogue_id", "=", dialogueId)
    .where("status", "=", "answered")
    .orderBy("answered_at")
    .execute();
  return rows.map(toPublic);
}
