/**
 * The Q&A's shared core: public types, row mapping, and the per-dialogue event log
 * (sequence numbers, snapshot, replay). Services in qa.server.ts and
 * moderation-actions.server.ts build on it.
 */
import { sql, type Selectable, type Transaction } from "kysely";
import type { DB } from "../../../db/connection";
import type { Database } from "../../../db/schema";
import type { QuestionTable } from "../../../db/schema-qa";
import type { Flag } from "~/domain/common/screening/prescreen";
import { QUEUE_PAGE_SIZE } from "~/domain/common/rate-budgets";
import type { TallyEntry } from "~/domain/questions/coalesce";
import { PUBLIC_STATUSES, type QuestionLike, type QuestionState, type QuestionStatus, type TransitionErrorCode } from "~/domain/questions/status";

export type Trx = Transaction<Database>;

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
  /** The version `votes` was counted at (questions.tally_version): a client keeps the newest. */
  tallyVersion: number;
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

/** A waiting question as moderators see it (never shown to the public). */
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

/** How the moderation queue changed: items that are (still) waiting, and ids that left it. */
export interface QueueDelta {
  upserts: QueueItem[];
  removed: number[];
}

/** What a write produced: public events (already stored with their sequence numbers), private notices, queue changes. */
export interface QaEffects {
  events: QaEvent[];
  notices: PrivateNotice[];
  queue: QueueDelta;
  tally?: { dialogueId: number; questionId: number; votes: number; version: number };
  /** The public counts after a write that changed a question's status (broadcast as `qa:counts`). */
  counts?: PublicCounts;
}

/** What the public sees of a dialogue's moderation: questions approved (ever published), waiting, and rejected by rule. */
export interface PublicCounts {
  approved: number;
  waiting: number;
  rejected: Record<string, number>;
}

export const none = (): QaEffects => ({ events: [], notices: [], queue: { upserts: [], removed: [] } });

export type QuestionRow = Selectable<QuestionTable> | undefined;

export async function selectQuestion(db: DB | Trx, id: number) {
  return db.selectFrom("questions").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * The columns that recount a question's votes: the count and its version move together in one
 * statement, so every tally it produces is ordered (docs/realtime.md#tally-versions). Used inside
 * a transaction that holds the question's row lock.
 */
export function recountVotes(questionId: number) {
  return {
    vote_count: sql<number>`(select count(*) from question_votes where question_id = ${questionId})`,
    tally_version: sql<number>`tally_version + 1`,
  };
}

export function toPublic(r: NonNullable<QuestionRow>): PublicQuestion {
  return {
    id: r.id,
    text: r.text,
    displayName: r.display_name,
    status: r.status,
    votes: r.vote_count,
    tallyVersion: r.tally_version,
    answer: r.answer,
    answeredBy: r.answered_by,
    answeredAt: r.answered_at,
    writtenDueDate: r.written_due_date,
    createdAt: r.created_at,
  };
}

export function toLike(r: NonNullable<QuestionRow>): QuestionLike {
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

export function stateColumns(state: QuestionState) {
  return {
    status: state.status,
    reject_rule: state.status === "rejected" ? state.rule : null,
    merged_into_id: state.status === "merged" ? state.mergedIntoId : null,
    written_due_date: state.status === "answer_in_writing" ? state.dueDate : undefined,
    ...(state.status === "answered" ? { answer: state.answer, answered_by: state.answeredBy, answered_at: state.answeredAt.toISOString() } : {}),
  };
}

export const isPublic = (s: QuestionStatus) => PUBLIC_STATUSES.includes(s);

export async function ensureState(db: DB | Trx, dialogueId: number) {
  await db
    .insertInto("qa_state")
    .values({ dialogue_id: dialogueId })
    .onConflict((oc) => oc.column("dialogue_id").doNothing())
    .execute();
  return db.selectFrom("qa_state").selectAll().where("dialogue_id", "=", dialogueId).executeTakeFirstOrThrow();
}

/** Appends a public event with the next per-dialogue sequence number (inside the caller's transaction). */
export async function appendEvent(trx: Trx, dialogueId: number, data: QaEventData, now: Date): Promise<QaEvent> {
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

/** Every way a Q&A service can refuse; mapped to messages and protocol codes in ~/http/errors.ts. */
export type QaError =
  | "not_found"
  | "closed"
  | "rate_limited"
  | "forbidden"
  | "claimed_by_other"
  | "duplicate_key_other_device"
  | "invalid_rule"
  | "current_other_dialogue"
  /** A panelist acting on a question not assigned to them or their organisation. */
  | "wrong_organisation"
  | TransitionErrorCode;

/** Dialogues accept questions while published (questions in advance) or ongoing. */
export async function openDialogue(db: DB | Trx, dialogueId: number) {
  return db.selectFrom("dialogues").select(["id", "status", "title"]).where("id", "=", dialogueId).executeTakeFirst();
}

export async function dialogueAcceptsQuestions(db: DB, dialogueId: number): Promise<boolean> {
  const d = await openDialogue(db, dialogueId);
  if (!d || (d.status !== "published" && d.status !== "ongoing")) return false;
  const state = await ensureState(db, dialogueId);
  return state.submissions_open === 1;
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

export type SyncResult = { mode: "replay"; events: QaEvent[]; tallies: TallyEntry[] } | { mode: "snapshot"; snapshot: QaSnapshot };

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
    .select(["id as questionId", "vote_count as votes", "tally_version as version"])
    .where("dialogue_id", "=", dialogueId)
    .where("status", "in", [...PUBLIC_STATUSES])
    .execute();
  return {
    mode: "replay",
    events: rows.map((r) => ({ ...(JSON.parse(r.payload) as QaEventData), dialogueId, seq: r.seq })),
    tallies,
  };
}

type QueueRow = {
  id: number;
  text: string;
  display_name: string | null;
  flags: string;
  created_at: string;
  claimed_by: number | null;
  claimed_until: string | null;
  escalated_at: string | null;
  claimer_name: string | null;
};

export function toQueueItem(r: QueueRow, now: Date): QueueItem {
  const live = r.claimed_by !== null && r.claimed_until !== null && r.claimed_until > now.toISOString();
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
}

/**
 * Waiting questions of a dialogue as moderators see them, oldest first; `ids` narrows to those
 * (for queue deltas). Without `ids` it is one page (`afterId`, at most `limit`): read the whole
 * queue with queuePage, never with a silent cap.
 */
export async function selectQueue(
  db: DB | Trx,
  dialogueId: number,
  now: Date,
  ids?: number[],
  page: { afterId?: number | null; limit?: number } = {},
): Promise<QueueItem[]> {
  let q = db
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
    .where("questions.status", "=", "waiting");
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where("questions.id", "in", ids);
  }
  if (page.afterId) q = q.where("questions.id", ">", page.afterId);
  const rows = await q
    .orderBy("questions.id")
    .limit(ids ? ids.length : (page.limit ?? QUEUE_PAGE_SIZE))
    .execute();
  return rows.map((r) => toQueueItem(r, now));
}

/** One page of the moderation queue, with what a moderator needs to reach every other page. */
export interface QueuePage {
  items: QueueItem[];
  /** Waiting questions in the whole queue. */
  total: number;
  /** How many waiting questions come before this page (0 on the first). */
  before: number;
  /** The page started after this question id (null: the first page). */
  afterId: number | null;
  /** Pass as `afterId` for the next page; null when this is the last. */
  nextAfterId: number | null;
}

/**
 * The moderation queue in pages of QUEUE_PAGE_SIZE (~/domain/common/rate-budgets.ts), oldest
 * first, with the total: however many questions a script has queued, every later one is on a
 * page a moderator can open, and the total says how many there are.
 */
export async function queuePage(
  db: DB | Trx,
  dialogueId: number,
  now: Date,
  afterId: number | null = null,
  limit: number = QUEUE_PAGE_SIZE,
): Promise<QueuePage> {
  const items = await selectQueue(db, dialogueId, now, undefined, { afterId, limit: limit + 1 });
  const counts = await db
    .selectFrom("questions")
    .select([
      (eb) => eb.fn.countAll<number>().as("total"),
      (eb) =>
        eb.fn
          .sum<number>(
            eb
              .case()
              .when("id", "<=", afterId ?? 0)
              .then(1)
              .else(0)
              .end(),
          )
          .as("before"),
    ])
    .where("dialogue_id", "=", dialogueId)
    .where("status", "=", "waiting")
    .executeTakeFirstOrThrow();
  const more = items.length > limit;
  const shown = more ? items.slice(0, limit) : items;
  return {
    items: shown,
    total: Number(counts.total),
    before: Number(counts.before ?? 0),
    afterId,
    nextAfterId: more ? shown[shown.length - 1]!.id : null,
  };
}

/** The queue delta for one question after a write: its current item if still waiting, else its removal. */
export async function queueDeltaFor(db: DB | Trx, dialogueId: number, questionId: number, now: Date): Promise<QueueDelta> {
  const [item] = await selectQueue(db, dialogueId, now, [questionId]);
  return item ? { upserts: [item], removed: [] } : { upserts: [], removed: [questionId] };
}

/** The public tally: approved (ever published), waiting, and rejected by rule. */
export async function publicTally(db: DB | Trx, dialogueId: number): Promise<PublicCounts> {
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
