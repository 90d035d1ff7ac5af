/**
 * The live Q&A services: submit, vote, moderate, replay. Every function takes
 * `db` first and returns what the caller must publish *after* the commit
 * (see app/realtime/qa.server.ts); nothing here touches socket.io.
 */
import { sql, type Selectable, type Transaction } from "kysely";
import type { DB } from "../../../db/connection";
import type { Database } from "../../../db/schema";
import type { QuestionTable } from "../../../db/schema-qa";
import { logAudit, type AuditActor } from "../audit/audit.server";
import { loadBlocklist, type Blocklist } from "./blocklist";
import blocklistJson from "./blocklist.sv.json";
import { prescreen, type Flag } from "./prescreen";
import type { ModerationInput, SubmitQuestionInput } from "./questions.schema";
import {
  answeringNowChanges,
  PUBLIC_STATUSES,
  transition,
  type QuestionAction,
  type QuestionLike,
  type QuestionState,
  type QuestionStatus,
} from "./status";

type Trx = Transaction<Database>;

let blocklist: Blocklist | undefined;
function getBlocklist(): Blocklist {
  blocklist ??= loadBlocklist(blocklistJson);
  return blocklist;
}

/** Limits against flooding, per participant. */
export const QA_LIMITS = { perMinute: 3, perDialogue: 20 } as const;
/** A claim lock lasts this long unless renewed. */
export const CLAIM_MS = 2 * 60_000;
/** A client further behind than this gets a snapshot instead of a replay. */
export const MAX_REPLAY = 200;

export interface PublicQuestion {
  id: number;
  text: string;
  displayName: string | null;
  status: QuestionStatus;
  votes: number;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  writtenDueDate: string | null;
  createdAt: string;
}

export type QaEventData =
  | { type: "upsert"; question: PublicQuestion }
  | { type: "remove"; questionId: number }
  | { type: "current"; questionId: number | null }
  | { type: "submissions"; open: boolean };

export type QaEvent = QaEventData & { dialogueId: number; seq: number };

export interface PrivateNotice {
  participantId: string;
  dialogueId: number;
  questionId: number;
  status: QuestionStatus;
  rule: string | null;
}

/** What a write produced: public events (already stored with their sequence numbers) and private notices. */
export interface QaEffects {
  events: QaEvent[];
  notices: PrivateNotice[];
  queueChanged: boolean;
  tally?: { dialogueId: number; questionId: number; votes: number };
}

const none = (): QaEffects => ({ events: [], notices: [], queueChanged: false });

type QuestionRow = Selectable<QuestionTable> | undefined;

async function selectQuestion(db: DB | Trx, id: number) {
  return db.selectFrom("questions").selectAll().where("id", "=", id).executeTakeFirst();
}

function toPublic(r: NonNullable<QuestionRow>): PublicQuestion {
  return {
    id: r.id,
    text: r.text,
    displayName: r.display_name,
    status: r.status,
    votes: r.vote_count,
    answer: r.answer,
    answeredBy: r.answered_by,
    answeredAt: r.answered_at,
    writtenDueDate: r.written_due_date,
    createdAt: r.created_at,
  };
}

function toLike(r: NonNullable<QuestionRow>): QuestionLike {
  const base = { id: r.id, dialogueId: r.dialogue_id };
  switch (r.status) {
    case "answered":
      return { ...base, status: "answered", answer: r.answer, answeredBy: r.answered_by, answeredAt: new Date(r.answered_at ?? r.updated_at) };
    case "answer_in_writing":
      return { ...base, status: "answer_in_writing", dueDate: r.written_due_date ?? "" };
    case "rejected":
      return { ...base, status: "rejected", rule: (r.reject_rule ?? "off_topic") as never };
    case "merged":
      return { ...base, status: "merged", mergedIntoId: r.merged_into_id ?? 0 };
    default:
      return { ...base, status: r.status };
  }
}

function stateColumns(state: QuestionState) {
  return {
    status: state.status,
    reject_rule: state.status === "rejected" ? state.rule : null,
    merged_into_id: state.status === "merged" ? state.mergedIntoId : null,
    written_due_date: state.status === "answer_in_writing" ? state.dueDate : undefined,
    ...(state.status === "answered"
      ? { answer: state.answer, answered_by: state.answeredBy, answered_at: state.answeredAt.toISOString() }
      : {}),
  };
}

const isPublic = (s: QuestionStatus) => PUBLIC_STATUSES.includes(s);

async function ensureState(db: DB | Trx, dialogueId: number) {
  await db.insertInto("qa_state").values({ dialogue_id: dialogueId }).onConflict((oc) => oc.column("dialogue_id").doNothing()).execute();
  return db.selectFrom("qa_state").selectAll().where("dialogue_id", "=", dialogueId).executeTakeFirstOrThrow();
}

/** Appends a public event with the next per-dialogue sequence number (inside the caller's transaction). */
async function appendEvent(trx: Trx, dialogueId: number, data: QaEventData, now: Date): Promise<QaEvent> {
  await ensureState(trx, dialogueId);
  const row = await trx
    .updateTable("qa_state")
    .set({ last_seq: sql`last_seq + 1` })
    .where("dialogue_id", "=", dialogueId)
    .returning("last_seq")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("qa_events")
    .values({ dialogue_id: dialogueId, seq: row.last_seq, type: data.type, payload: JSON.stringify(data), created_at: now.toISOString() })
    .execute();
  return { ...data, dialogueId, seq: row.last_seq };
}

export type QaError =
  | "not_found"
  | "closed"
  | "rate_limited"
  | "forbidden"
  | "invalid_transition"
  | "claimed_by_other"
  | "invalid_payload"
  | string;

/** Dialogues accept questions while published (questions in advance) or ongoing. */
async function openDialogue(db: DB | Trx, dialogueId: number) {
  return db.selectFrom("dialogues").select(["id", "status", "title"]).where("id", "=", dialogueId).executeTakeFirst();
}

export async function dialogueAcceptsQuestions(db: DB, dialogueId: number): Promise<boolean> {
  const d = await openDialogue(db, dialogueId);
  if (!d || (d.status !== "published" && d.status !== "ongoing")) return false;
  const state = await ensureState(db, dialogueId);
  return state.submissions_open === 1;
}

export type SubmitResult =
  | { ok: true; questionId: number; status: QuestionStatus; duplicate: boolean; effects: QaEffects }
  | { ok: false; error: QaError };

export async function submitQuestion(
  db: DB,
  input: SubmitQuestionInput & { participantId: string },
  now: Date = new Date(),
): Promise<SubmitResult> {
  // A retried submit (same idempotency key) returns the stored question, never a second one.
  const existing = await db
    .selectFrom("questions")
    .select(["id", "status", "participant_id"])
    .where("dialogue_id", "=", input.dialogueId)
    .where("idempotency_key", "=", input.idempotencyKey)
    .executeTakeFirst();
  if (existing) {
    if (existing.participant_id !== input.participantId) return { ok: false, error: "invalid_payload" };
    return { ok: true, questionId: existing.id, status: existing.status, duplicate: true, effects: none() };
  }
  const dialogue = await openDialogue(db, input.dialogueId);
  if (!dialogue || dialogue.status === "draft") return { ok: false, error: "not_found" };
  if (!(await dialogueAcceptsQuestions(db, input.dialogueId))) return { ok: false, error: "closed" };

  const counts = await db
    .selectFrom("questions")
    .select([
      (eb) => eb.fn.countAll<number>().as("total"),
      (eb) => eb.fn.sum<number>(eb.case().when("created_at", ">", new Date(now.getTime() - 60_000).toISOString()).then(1).else(0).end()).as("recent"),
    ])
    .where("dialogue_id", "=", input.dialogueId)
    .where("participant_id", "=", input.participantId)
    .executeTakeFirstOrThrow();
  if (Number(counts.recent ?? 0) >= QA_LIMITS.perMinute || Number(counts.total) >= QA_LIMITS.perDialogue) {
    return { ok: false, error: "rate_limited" };
  }

  const others = await db
    .selectFrom("questions")
    .select(["id", "text"])
    .where("dialogue_id", "=", input.dialogueId)
    .where("status", "in", ["waiting", ...PUBLIC_STATUSES])
    .orderBy("id", "desc")
    .limit(500)
    .execute();
  const flags: Flag[] = prescreen(input.text, { existing: others, blocklist: getBlocklist() });

  try {
    const row = await db
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
    return { ok: true, questionId: row.id, status: row.status, duplicate: false, effects: { ...none(), queueChanged: true } };
  } catch (err) {
    // Two concurrent retries: the unique (dialogue, key) index lets exactly one in.
    if (String(err).includes("UNIQUE")) return submitQuestion(db, input, now);
    throw err;
  }
}

export type VoteResult = { ok: true; voted: boolean; votes: number; effects: QaEffects } | { ok: false; error: QaError };

/** Sets (not blindly toggles) the participant's vote, so a retried request is harmless. */
export async function setVote(
  db: DB,
  input: { dialogueId: number; questionId: number; voted: boolean; participantId: string },
  now: Date = new Date(),
): Promise<VoteResult> {
  return db.transaction().execute(async (trx) => {
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
      .set({ vote_count: sql`(select count(*) from question_votes where question_id = ${q.id})` })
      .where("id", "=", q.id)
      .returning("vote_count")
      .executeTakeFirstOrThrow();
    return {
      ok: true as const,
      voted: input.voted,
      votes: row.vote_count,
      effects: { ...none(), tally: { dialogueId: input.dialogueId, questionId: q.id, votes: row.vote_count } },
    };
  });
}

export interface QaSnapshot {
  dialogueId: number;
  seq: number;
  submissionsOpen: boolean;
  currentQuestionId: number | null;
  questions: PublicQuestion[];
}

export async function getSnapshot(db: DB, dialogueId: number): Promise<QaSnapshot> {
  const state = await ensureState(db, dialogueId);
  const rows = await db
    .selectFrom("questions")
    .selectAll()
    .where("dialogue_id", "=", dialogueId)
    .where("status", "in", [...PUBLIC_STATUSES])
    .orderBy("id")
    .execute();
  return {
    dialogueId,
    seq: state.last_seq,
    submissionsOpen: state.submissions_open === 1,
    currentQuestionId: state.current_question_id,
    questions: rows.map(toPublic),
  };
}

export type SyncResult =
  | { mode: "replay"; events: QaEvent[]; tallies: Array<{ questionId: number; votes: number }> }
  | { mode: "snapshot"; snapshot: QaSnapshot };

/** Exactly the events after `lastSeq`, in order, from the database; a snapshot when too far behind. */
export async function syncSince(db: DB, dialogueId: number, lastSeq: number | null | undefined): Promise<SyncResult> {
  const state = await ensureState(db, dialogueId);
  if (lastSeq === null || lastSeq === undefined || lastSeq > state.last_seq || state.last_seq - lastSeq > MAX_REPLAY) {
    return { mode: "snapshot", snapshot: await getSnapshot(db, dialogueId) };
  }
  const rows = await db
    .selectFrom("qa_events")
    .select(["seq", "payload"])
    .where("dialogue_id", "=", dialogueId)
    .where("seq", ">", lastSeq)
    .orderBy("seq")
    .execute();
  const tallies = await db
    .selectFrom("questions")
    .select(["id as questionId", "vote_count as votes"])
    .where("dialogue_id", "=", dialogueId)
    .where("status", "in", [...PUBLIC_STATUSES])
    .execute();
  return {
    mode: "replay",
    events: rows.map((r) => ({ ...(JSON.parse(r.payload) as QaEventData), dialogueId, seq: r.seq })),
    tallies,
  };
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

/** The public tally: approved (ever published) and rejected by rule. */
export async function publicTally(db: DB, dialogueId: number) {
  const rows = await db
    .selectFrom("questions")
    .select(["status", "reject_rule", (eb) => eb.fn.countAll<number>().as("n")])
    .where("dialogue_id", "=", dialogueId)
    .groupBy(["status", "reject_rule"])
    .execute();
  let approved = 0;
  let waiting = 0;
  const rejected: Record<string, number> = {};
  for (const r of rows) {
    if (isPublic(r.status) || r.status === "merged") approved += Number(r.n);
    else if (r.status === "waiting") waiting += Number(r.n);
    else if (r.status === "rejected") rejected[r.reject_rule ?? "other"] = (rejected[r.reject_rule ?? "other"] ?? 0) + Number(r.n);
  }
  return { approved, waiting, rejected };
}

export interface QueueItem {
  id: number;
  text: string;
  displayName: string | null;
  flags: Flag[];
  createdAt: string;
  claimedBy: { id: number; name: string } | null;
  claimedUntil: string | null;
  escalated: boolean;
}

export async function moderationQueue(db: DB, dialogueId: number, now: Date = new Date()): Promise<QueueItem[]> {
  const rows = await db
    .selectFrom("questions")
    .leftJoin("staff", "staff.id", "questions.claimed_by")
    .select([
      "questions.id",
      "questions.text",
      "questions.display_name",
      "questions.flags",
      "questions.created_at",
      "questions.claimed_by",
      "questions.claimed_until",
      "questions.escalated_at",
      "staff.name as claimer_name",
    ])
    .where("questions.dialogue_id", "=", dialogueId)
    .where("questions.status", "=", "waiting")
    .orderBy("questions.id")
    .limit(500)
    .execute();
  return rows.map((r) => {
    const live = r.claimed_by && r.claimed_until && r.claimed_until > now.toISOString();
    return {
      id: r.id,
      text: r.text,
      displayName: r.display_name,
      flags: JSON.parse(r.flags) as Flag[],
      createdAt: r.created_at,
      claimedBy: live ? { id: r.claimed_by!, name: r.claimer_name ?? "" } : null,
      claimedUntil: live ? r.claimed_until : null,
      escalated: r.escalated_at !== null,
    };
  });
}

export type ClaimResult = { ok: true; until: string } | { ok: false; error: "not_found" | "claimed_by_other"; by?: string };

/** Claims a waiting question for a moderator; others see who has it until the lock expires. */
export async function claimQuestion(db: DB, staff: { id: number }, dialogueId: number, questionId: number, now: Date = new Date()): Promise<ClaimResult> {
  const until = new Date(now.getTime() + CLAIM_MS).toISOString();
  const res = await db
    .updateTable("questions")
    .set({ claimed_by: staff.id, claimed_until: until })
    .where("id", "=", questionId)
    .where("dialogue_id", "=", dialogueId)
    .where((eb) => eb.or([eb("claimed_by", "is", null), eb("claimed_by", "=", staff.id), eb("claimed_until", "<", now.toISOString())]))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) return { ok: true, until };
  const holder = await db
    .selectFrom("questions")
    .leftJoin("staff", "staff.id", "questions.claimed_by")
    .select(["questions.id", "staff.name"])
    .where("questions.id", "=", questionId)
    .where("questions.dialogue_id", "=", dialogueId)
    .executeTakeFirst();
  if (!holder) return { ok: false, error: "not_found" };
  return { ok: false, error: "claimed_by_other", by: holder.name ?? undefined };
}

export async function releaseClaim(db: DB, staff: { id: number }, questionId: number): Promise<void> {
  await db.updateTable("questions").set({ claimed_by: null, claimed_until: null }).where("id", "=", questionId).where("claimed_by", "=", staff.id).execute();
}

export type ModerateResult = { ok: true; effects: QaEffects } | { ok: false; error: QaError };

/**
 * Applies one moderation action in one transaction: state machine check, write,
 * public event(s) with sequence numbers, audit entry. The caller publishes the effects after commit.
 */
export async function moderate(
  db: DB,
  actor: AuditActor & { id: number },
  input: ModerationInput,
  ip: string | null,
  now: Date = new Date(),
): Promise<ModerateResult> {
  return db.transaction().execute(async (trx): Promise<ModerateResult> => {
    const row = await selectQuestion(trx, input.questionId);
    if (!row || row.dialogue_id !== input.dialogueId) return { ok: false, error: "not_found" };
    // Another moderator holds the claim lock.
    if (row.claimed_by && row.claimed_by !== actor.id && row.claimed_until && row.claimed_until > now.toISOString() && row.status === "waiting") {
      return { ok: false, error: "claimed_by_other" };
    }
    const effects = none();
    const wasPublic = isPublic(row.status);
    const stamp = now.toISOString();
    const audit = (details: Record<string, unknown> = {}) =>
      logAudit(trx, { actor, action: `qa.${input.action}`, targetType: "question", targetId: row.id, details: { dialogueId: row.dialogue_id, ...details }, ip }, now);

    if (input.action === "escalate") {
      await trx.updateTable("questions").set({ escalated_at: stamp, escalated_by: actor.id, escalation_note: input.note, updated_at: stamp }).where("id", "=", row.id).execute();
      await audit({ note: input.note });
      effects.queueChanged = true;
      return { ok: true, effects };
    }
    if (input.action === "assign") {
      const exists =
        input.assigneeType === "organisation"
          ? await trx.selectFrom("organisations").select("id").where("id", "=", input.assigneeId).executeTakeFirst()
          : await trx.selectFrom("staff").select("id").where("id", "=", input.assigneeId).where("role", "=", "panelist").executeTakeFirst();
      if (!exists) return { ok: false, error: "not_found" };
      await trx
        .updateTable("questions")
        .set(
          input.assigneeType === "organisation"
            ? { assigned_organisation_id: input.assigneeId, updated_at: stamp }
            : { assigned_staff_id: input.assigneeId, updated_at: stamp },
        )
        .where("id", "=", row.id)
        .execute();
      await audit({ assigneeType: input.assigneeType, assigneeId: input.assigneeId });
      effects.queueChanged = true;
      return { ok: true, effects };
    }

    if (input.action === "start_answering") {
      const state = await ensureState(trx, row.dialogue_id);
      const currentRow = state.current_question_id ? await selectQuestion(trx, state.current_question_id) : undefined;
      const current = currentRow && currentRow.status === "answering_now" ? toLike(currentRow) : null;
      const plan = answeringNowChanges(current, toLike(row), { now });
      if (!plan.ok) return { ok: false, error: plan.error };
      for (const change of plan.changes) {
        await trx.updateTable("questions").set({ ...stateColumns(change.state), updated_at: stamp }).where("id", "=", change.id).execute();
        const updated = await selectQuestion(trx, change.id);
        effects.events.push(await appendEvent(trx, row.dialogue_id, { type: "upsert", question: toPublic(updated!) }, now));
      }
      await trx.updateTable("qa_state").set({ current_question_id: row.id }).where("dialogue_id", "=", row.dialogue_id).execute();
      effects.events.push(await appendEvent(trx, row.dialogue_id, { type: "current", questionId: row.id }, now));
      await audit();
      return { ok: true, effects };
    }

    let action: QuestionAction;
    let target: NonNullable<QuestionRow> | undefined;
    switch (input.action) {
      case "approve":
        action = { type: "approve" };
        break;
      case "edit_and_approve":
        action = { type: "edit_and_approve" };
        break;
      case "reject":
        action = { type: "reject", rule: input.rule };
        break;
      case "reinstate":
        action = { type: "reinstate" };
        break;
      case "merge":
        target = await selectQuestion(trx, input.intoQuestionId);
        if (!target) return { ok: false, error: "not_found" };
        action = { type: "merge", into: { id: target.id, dialogueId: target.dialogue_id, status: target.status } };
        break;
      case "stop_answering":
        action = { type: "stop_answering" };
        break;
      case "mark_answered":
        action = { type: "mark_answered", answer: input.answer, answeredBy: input.answeredBy };
        break;
      case "answer_in_writing":
        action = { type: "answer_in_writing", dueDate: input.dueDate };
        break;
      case "publish_written_answer":
        action = { type: "publish_written_answer", answer: input.answer, answeredBy: input.answeredBy };
        break;
    }
    if (input.action === "reject") {
      const rule = await trx.selectFrom("qa_rejection_rules").select("active").where("code", "=", input.rule).executeTakeFirst();
      if (!rule || rule.active !== 1) return { ok: false, error: "invalid_rule" };
    }
    const result = transition(toLike(row), action, { now });
    if (!result.ok) return { ok: false, error: result.error };

    const set: Record<string, unknown> = { ...stateColumns(result.state), updated_at: stamp, moderated_by: actor.id, moderated_at: stamp, claimed_by: null, claimed_until: null };
    if (result.state.status === "approved" && row.status === "waiting") set.approved_at = stamp;
    if (input.action === "edit_and_approve") {
      set.original_text = row.original_text ?? row.text;
      set.text = input.text;
      set.edited_by = actor.id;
      set.edit_reason = input.reason;
      set.edited_at = stamp;
    }
    await trx.updateTable("questions").set(set).where("id", "=", row.id).execute();

    if (input.action === "merge" && target) {
      // Votes combine: move this question's votes to the target (a participant counts once).
      await sql`insert or ignore into question_votes (question_id, participant_id, created_at)
                select ${target.id}, participant_id, created_at from question_votes where question_id = ${row.id}`.execute(trx);
      await trx.deleteFrom("question_votes").where("question_id", "=", row.id).execute();
      await trx
        .updateTable("questions")
        .set({ vote_count: sql`(select count(*) from question_votes where question_id = ${target.id})`, updated_at: stamp })
        .where("id", "=", target.id)
        .execute();
      const t = await selectQuestion(trx, target.id);
      effects.events.push(await appendEvent(trx, row.dialogue_id, { type: "upsert", question: toPublic(t!) }, now));
    }

    const updated = (await selectQuestion(trx, row.id))!;
    if (isPublic(updated.status)) {
      effects.events.push(await appendEvent(trx, row.dialogue_id, { type: "upsert", question: toPublic(updated) }, now));
    } else if (wasPublic) {
      effects.events.push(await appendEvent(trx, row.dialogue_id, { type: "remove", questionId: row.id }, now));
    }
    if (row.status === "answering_now" && updated.status !== "answering_now") {
      await trx.updateTable("qa_state").set({ current_question_id: null }).where("dialogue_id", "=", row.dialogue_id).execute();
      effects.events.push(await appendEvent(trx, row.dialogue_id, { type: "current", questionId: null }, now));
    }
    effects.notices.push({
      participantId: row.participant_id,
      dialogueId: row.dialogue_id,
      questionId: row.id,
      status: updated.status,
      rule: updated.reject_rule,
    });
    effects.queueChanged = row.status === "waiting" || updated.status === "waiting";
    await audit(
      input.action === "reject"
        ? { rule: input.rule }
        : input.action === "edit_and_approve"
          ? { reason: input.reason }
          : input.action === "merge"
            ? { into: input.intoQuestionId }
            : {},
    );
    return { ok: true, effects };
  });
}

export async function setSubmissionsOpen(
  db: DB,
  actor: AuditActor & { id: number },
  dialogueId: number,
  open: boolean,
  ip: string | null,
  now: Date = new Date(),
): Promise<ModerateResult> {
  const dialogue = await openDialogue(db, dialogueId);
  if (!dialogue) return { ok: false, error: "not_found" };
  return db.transaction().execute(async (trx) => {
    await ensureState(trx, dialogueId);
    await trx.updateTable("qa_state").set({ submissions_open: open ? 1 : 0 }).where("dialogue_id", "=", dialogueId).execute();
    const event = await appendEvent(trx, dialogueId, { type: "submissions", open }, now);
    await logAudit(trx, { actor, action: open ? "qa.open_submissions" : "qa.pause_submissions", targetType: "dialogue", targetId: dialogueId, ip }, now);
    return { ok: true as const, effects: { ...none(), events: [event] } };
  });
}

export interface WrittenAnswerDue {
  id: number;
  dialogueId: number;
  dialogueTitle: string;
  text: string;
  dueDate: string;
  overdue: boolean;
}

export async function writtenAnswersDue(db: DB, today: string): Promise<WrittenAnswerDue[]> {
  const rows = await db
    .selectFrom("questions")
    .innerJoin("dialogues", "dialogues.id", "questions.dialogue_id")
    .select(["questions.id", "questions.dialogue_id", "dialogues.title", "questions.text", "questions.written_due_date"])
    .where("questions.status", "=", "answer_in_writing")
    .orderBy("questions.written_due_date")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    dialogueId: r.dialogue_id,
    dialogueTitle: r.title,
    text: r.text,
    dueDate: r.written_due_date ?? "",
    overdue: (r.written_due_date ?? "") < today,
  }));
}

export async function answeredQuestions(db: DB, dialogueId: number): Promise<PublicQuestion[]> {
  const rows = await db.selectFrom("questions").selectAll().where("dialogue_id", "=", dialogueId).where("status", "=", "answered").orderBy("answered_at").execute();
  return rows.map(toPublic);
}

export async function listRejectionRules(db: DB, opts: { includeInactive?: boolean } = {}) {
  let q = db.selectFrom("qa_rejection_rules").selectAll().orderBy("sort");
  if (!opts.includeInactive) q = q.where("active", "=", 1);
  return q.execute();
}

/** Labels of every rule (also retired ones, which old rejections still cite), by code. */
export async function ruleLabels(db: DB): Promise<Record<string, { sv: string; en: string }>> {
  const rows = await listRejectionRules(db, { includeInactive: true });
  return Object.fromEntries(rows.map((r) => [r.code, { sv: r.label_sv, en: r.label_en }]));
}

/** Admins edit the wording of a ground rule and whether moderators can still pick it. */
export async function updateRejectionRule(
  db: DB,
  actor: AuditActor,
  input: { code: string; labelSv: string; labelEn: string; active: boolean },
  ip: string | null,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("qa_rejection_rules").selectAll().where("code", "=", input.code).executeTakeFirst();
    if (!before) return false;
    await trx
      .updateTable("qa_rejection_rules")
      .set({ label_sv: input.labelSv, label_en: input.labelEn, active: input.active ? 1 : 0 })
      .where("code", "=", input.code)
      .execute();
    await logAudit(trx, {
      actor,
      action: "qa.rule_update",
      targetType: "qa_rule",
      targetId: input.code,
      details: { before: { sv: before.label_sv, en: before.label_en, active: before.active === 1 }, after: { sv: input.labelSv, en: input.labelEn, active: input.active } },
      ip,
    });
    return true;
  });
}
