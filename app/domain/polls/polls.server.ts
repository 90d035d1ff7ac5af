/**
 * Live polls in dialogues (docs/polls.md). Moderators prepare polls and open, close and reveal
 * them; residents answer anonymously once per device (participantId). The socket handlers
 * (~/realtime/poll-handlers.server.ts) and the form posts (~/http/polls.server.ts) both call
 * these functions and publish what they return after the commit.
 */
import type { DB } from "../../../db/connection";
import type { StaffUser } from "~/domain/staff/session.server";
import { logAudit } from "~/domain/audit/audit.server";
import { isUniqueViolation, lockRow } from "~/domain/common/locks";
import type { BudgetCheck, BudgetRefusal } from "~/domain/common/rate-limits.server";
import { aggregatePoll } from "~/domain/polls/aggregate";
import {
  SAFETY_QUESTION_SV,
  fixedOptions,
  type CreatePollInput,
  type PollAnswerInput,
  type PollControlInput,
  type PollKind,
  type PollResults,
  type PollStatus,
  type PublicPoll,
} from "~/domain/polls/polls.schema";

export type PollError =
  | "not_found"
  | "closed"
  | "already_answered"
  | "other_dialogue"
  | "invalid_choice"
  | "duplicate_key_other_device"
  | "invalid_transition"
  | "dialogue_not_found";

export type PollRefusal = { ok: false; error: PollError };

/** What a committed poll write asks the publisher to send. */
export interface PollEffects {
  dialogueId: number;
  /** The poll's public state changed (opened, closed, revealed, hidden). */
  poll?: PublicPoll;
  /** A draft was deleted (staff only see drafts). */
  removedId?: number;
  /** An answer was stored: results changed (sent coalesced, and only if revealed). */
  answered?: { pollId: number };
  /** Staff see every change of the staff list. */
  staff: boolean;
}

type PollRow = {
  id: number;
  dialogue_id: number;
  kind: PollKind;
  question: string;
  options: string;
  status: PollStatus;
  revealed: number;
  position: number;
  opened_at: string | null;
  closed_at: string | null;
};

const COLUMNS = ["id", "dialogue_id", "kind", "question", "options", "status", "revealed", "position", "opened_at", "closed_at"] as const;

function parseOptions(row: Pick<PollRow, "options">): string[] {
  const v: unknown = JSON.parse(row.options);
  return Array.isArray(v) ? v.map(String) : [];
}

/** The results of one poll, read with one grouped count. */
export async function pollResults(db: DB, poll: Pick<PollRow, "id" | "kind" | "options">): Promise<PollResults> {
  const [total, chosen] = await Promise.all([
    db
      .selectFrom("poll_answers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("poll_id", "=", poll.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("poll_answer_choices")
      .select(["option_index", (eb) => eb.fn.countAll<number>().as("n")])
      .where("poll_id", "=", poll.id)
      .groupBy("option_index")
      .execute(),
  ]);
  return aggregatePoll(
    poll.kind,
    parseOptions(poll).length,
    Number(total.n),
    chosen.map((c) => ({ option: c.option_index, count: Number(c.n) })),
  );
}

async function toPublic(db: DB, row: PollRow, withResults: boolean): Promise<PublicPoll> {
  return {
    id: row.id,
    dialogueId: row.dialogue_id,
    kind: row.kind,
    question: row.question,
    options: parseOptions(row),
    status: row.status,
    revealed: row.revealed === 1,
    results: withResults ? await pollResults(db, row) : null,
  };
}

/** The poll as residents see it: results only once revealed. */
export async function publicPoll(db: DB, pollId: number): Promise<PublicPoll | null> {
  const row = await db.selectFrom("polls").select(COLUMNS).where("id", "=", pollId).executeTakeFirst();
  if (!row || row.status === "draft") return null;
  return toPublic(db, row, row.revealed === 1);
}

/** The results to broadcast for a poll, or null when they are not public. */
export async function revealedResults(db: DB, pollId: number): Promise<{ dialogueId: number; results: PollResults } | null> {
  const row = await db.selectFrom("polls").select(COLUMNS).where("id", "=", pollId).executeTakeFirst();
  if (!row || row.status === "draft" || row.revealed !== 1) return null;
  return { dialogueId: row.dialogue_id, results: await pollResults(db, row) };
}

/** Open and closed polls of a dialogue (never drafts), in order; results only where revealed. */
export async function publicPolls(db: DB, dialogueId: number, opts: { status?: PollStatus } = {}): Promise<PublicPoll[]> {
  let q = db.selectFrom("polls").select(COLUMNS).where("dialogue_id", "=", dialogueId).where("status", "!=", "draft");
  if (opts.status) q = q.where("status", "=", opts.status);
  const rows = await q.orderBy("position").orderBy("id").execute();
  return Promise.all(rows.map((r) => toPublic(db, r, r.revealed === 1)));
}

/** Every poll of a dialogue for its moderators, drafts included, results always. */
export async function staffPolls(db: DB, dialogueId: number): Promise<PublicPoll[]> {
  const rows = await db.selectFrom("polls").select(COLUMNS).where("dialogue_id", "=", dialogueId).orderBy("position").orderBy("id").execute();
  return Promise.all(rows.map((r) => toPublic(db, r, true)));
}

/** This device's answers in a dialogue: option indexes by poll id. */
export async function myPollAnswers(db: DB, dialogueId: number, participantId: string | null): Promise<Record<number, number[]>> {
  if (!participantId) return {};
  const rows = await db
    .selectFrom("poll_answers")
    .innerJoin("polls", "polls.id", "poll_answers.poll_id")
    .innerJoin("poll_answer_choices", "poll_answer_choices.answer_id", "poll_answers.id")
    .select(["poll_answers.poll_id as pollId", "poll_answer_choices.option_index as option"])
    .where("polls.dialogue_id", "=", dialogueId)
    .where("poll_answers.participant_id", "=", participantId)
    .orderBy("poll_answer_choices.option_index")
    .execute();
  const mine: Record<number, number[]> = {};
  for (const r of rows) (mine[r.pollId] ??= []).push(r.option);
  return mine;
}

export type CreatePollResult = { ok: true; pollId: number; effects: PollEffects } | PollRefusal;

/** A moderator prepares a poll (a draft: residents do not see it until it is opened). */
export async function createPoll(db: DB, staff: Pick<StaffUser, "id" | "email">, input: CreatePollInput, now: Date = new Date()): Promise<CreatePollResult> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockRow(trx, "dialogues", input.dialogueId))) return { ok: false as const, error: "dialogue_not_found" as const };
    const fixed = fixedOptions(input.kind);
    const question = input.kind === "safety" ? SAFETY_QUESTION_SV : input.question;
    const last = await trx
      .selectFrom("polls")
      .select((eb) => eb.fn.max<number>("position").as("p"))
      .where("dialogue_id", "=", input.dialogueId)
      .executeTakeFirst();
    const row = await trx
      .insertInto("polls")
      .values({
        dialogue_id: input.dialogueId,
        kind: input.kind,
        question,
        options: JSON.stringify(fixed ?? input.options),
        position: Number(last?.p ?? 0) + 1,
        created_by: staff.id,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await logAudit(
      trx,
      { actor: staff, action: "poll.create", targetType: "dialogue", targetId: input.dialogueId, details: { pollId: row.id, kind: input.kind } },
      now,
    );
    return { ok: true as const, pollId: row.id, effects: { dialogueId: input.dialogueId, staff: true } };
  });
}

export type ControlResult = { ok: true; poll: PublicPoll | null; effects: PollEffects } | PollRefusal;

const TRANSITIONS: Record<PollControlInput["action"], (row: PollRow) => Partial<PollRow> | null> = {
  open: (r) => (r.status === "draft" ? { status: "open" } : null),
  close: (r) => (r.status === "open" ? { status: "closed" } : null),
  reveal: (r) => (r.status !== "draft" && r.revealed === 0 ? { revealed: 1 } : null),
  hide: (r) => (r.revealed === 1 ? { revealed: 0 } : null),
  delete: (r) => (r.status === "draft" ? {} : null),
};

/** Open, close, reveal, hide or delete (drafts only) a poll; audited. */
export async function controlPoll(
  db: DB,
  staff: Pick<StaffUser, "id" | "email">,
  input: PollControlInput,
  ip: string | null,
  now: Date = new Date(),
): Promise<ControlResult> {
  const result = await db.transaction().execute(async (trx) => {
    // Answers lock the same row: an answer and a close never interleave.
    if (!(await lockRow(trx, "dialogues", input.dialogueId))) return { ok: false as const, error: "not_found" as const };
    const row = await trx.selectFrom("polls").select(COLUMNS).where("id", "=", input.pollId).executeTakeFirst();
    if (!row) return { ok: false as const, error: "not_found" as const };
    if (row.dialogue_id !== input.dialogueId) return { ok: false as const, error: "other_dialogue" as const };
    const change = TRANSITIONS[input.action](row);
    if (!change) return { ok: false as const, error: "invalid_transition" as const };
    const at = now.toISOString();
    if (input.action === "delete") {
      await trx.deleteFrom("polls").where("id", "=", row.id).execute();
    } else {
      await trx
        .updateTable("polls")
        .set({
          ...change,
          ...(input.action === "open" ? { opened_at: at } : {}),
          ...(input.action === "close" ? { closed_at: at } : {}),
        })
        .where("id", "=", row.id)
        .execute();
    }
    await logAudit(
      trx,
      { actor: staff, action: `poll.${input.action}`, targetType: "dialogue", targetId: input.dialogueId, details: { pollId: row.id }, ip },
      now,
    );
    return { ok: true as const, deleted: input.action === "delete" };
  });
  if (!result.ok) return result;
  if (result.deleted) return { ok: true, poll: null, effects: { dialogueId: input.dialogueId, removedId: input.pollId, staff: true } };
  const poll = await publicPoll(db, input.pollId);
  return { ok: true, poll, effects: { dialogueId: input.dialogueId, ...(poll ? { poll } : {}), staff: true } };
}

export type AnswerResult = { ok: true; pollId: number; choices: number[]; duplicate: boolean; effects: PollEffects } | PollRefusal | BudgetRefusal;

/** The choices a poll of this kind accepts: one for single/scale/safety, one or more distinct for multiple. */
function validChoices(kind: PollKind, optionCount: number, choices: number[]): number[] | null {
  const distinct = [...new Set(choices)].sort((a, b) => a - b);
  if (distinct.length !== choices.length || distinct.some((c) => c >= optionCount)) return null;
  if (kind !== "multiple" && distinct.length !== 1) return null;
  return distinct;
}

/**
 * A resident's answer: once per device and poll. A retry with the same idempotency key returns
 * the stored answer (`duplicate`), even after the poll closed; a second answer from the device is
 * refused. `gate` (the public budget) runs after the replay check, before anything is written.
 */
export async function answerPoll(
  db: DB,
  input: PollAnswerInput & { participantId: string },
  now: Date = new Date(),
  gate?: BudgetCheck,
): Promise<AnswerResult> {
  const replay = await findExisting(db, input);
  if (replay) return replay;
  const refused = gate ? await gate() : null;
  if (refused) return refused;
  try {
    return await db.transaction().execute(async (trx): Promise<AnswerResult> => {
      // Lock the dialogue (as closing does), then read the poll's status under that lock.
      await lockRow(trx, "dialogues", input.dialogueId);
      const poll = await trx.selectFrom("polls").select(COLUMNS).where("id", "=", input.pollId).executeTakeFirst();
      if (!poll || poll.status === "draft") return { ok: false, error: "not_found" };
      if (poll.dialogue_id !== input.dialogueId) return { ok: false, error: "other_dialogue" };
      if (poll.status !== "open") return { ok: false, error: "closed" };
      const choices = validChoices(poll.kind, parseOptions(poll).length, input.choices);
      if (!choices) return { ok: false, error: "invalid_choice" };
      const answer = await trx
        .insertInto("poll_answers")
        .values({ poll_id: poll.id, participant_id: input.participantId, idempotency_key: input.idempotencyKey, created_at: now.toISOString() })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("poll_answer_choices")
        .values(choices.map((c) => ({ answer_id: answer.id, poll_id: poll.id, option_index: c })))
        .execute();
      return { ok: true, pollId: poll.id, choices, duplicate: false, effects: { dialogueId: poll.dialogue_id, answered: { pollId: poll.id }, staff: true } };
    });
  } catch (err) {
    // A concurrent answer from the same device (or with the same key) won the unique constraint.
    if (isUniqueViolation(err)) {
      const again = await findExisting(db, input);
      if (again) return again;
    }
    throw err;
  }
}

/** The stored answer for a replay (same key, same device), or the refusal of a second answer. */
async function findExisting(db: DB, input: PollAnswerInput & { participantId: string }): Promise<AnswerResult | null> {
  const rows = await db
    .selectFrom("poll_answers")
    .innerJoin("polls", "polls.id", "poll_answers.poll_id")
    .select(["poll_answers.id", "poll_answers.participant_id", "poll_answers.idempotency_key", "polls.dialogue_id"])
    .where("poll_answers.poll_id", "=", input.pollId)
    .where((eb) => eb.or([eb("poll_answers.participant_id", "=", input.participantId), eb("poll_answers.idempotency_key", "=", input.idempotencyKey)]))
    .execute();
  if (rows.length === 0) return null;
  const byKey = rows.find((r) => r.idempotency_key === input.idempotencyKey);
  if (byKey && byKey.participant_id !== input.participantId) return { ok: false, error: "duplicate_key_other_device" };
  if (byKey && byKey.dialogue_id !== input.dialogueId) return { ok: false, error: "other_dialogue" };
  if (!byKey) return { ok: false, error: "already_answered" };
  const choices = await db.selectFrom("poll_answer_choices").select("option_index").where("answer_id", "=", byKey.id).orderBy("option_index").execute();
  return {
    ok: true,
    pollId: input.pollId,
    choices: choices.map((c) => c.option_index),
    duplicate: true,
    effects: { dialogueId: byKey.dialogue_id, staff: false },
  };
}

/**
 * The safety question's answers per dialogue of a district, over time (the district's safety
 * picture): closed polls only, with the share who feel fairly or very unsafe.
 */
export async function safetyPollSeries(
  db: DB,
  districtId: number,
): Promise<Array<{ dialogueId: number; title: string; date: string; total: number; unsafePercent: number | null }>> {
  const rows = await db
    .selectFrom("polls")
    .innerJoin("dialogues", "dialogues.id", "polls.dialogue_id")
    .select([...COLUMNS.map((c) => `polls.${c}` as const), "dialogues.title", "dialogues.starts_at"])
    .where("dialogues.district_id", "=", districtId)
    .where("polls.kind", "=", "safety")
    .where("polls.status", "=", "closed")
    .orderBy("dialogues.starts_at")
    .execute();
  return Promise.all(
    rows.map(async (r) => {
      const res = await pollResults(db, r);
      return { dialogueId: r.dialogue_id, title: r.title, date: r.starts_at, total: res.total, unsafePercent: res.unsafePercent };
    }),
  );
}

/** Current results of several polls, with whether each is revealed (for the results broadcast). */
export async function staffPollResults(db: DB, pollIds: number[]): Promise<Array<{ pollId: number; revealed: boolean; results: PollResults }>> {
  if (pollIds.length === 0) return [];
  const rows = await db.selectFrom("polls").select(COLUMNS).where("id", "in", pollIds).execute();
  return Promise.all(rows.map(async (r) => ({ pollId: r.id, revealed: r.revealed === 1, results: await pollResults(db, r) })));
}
