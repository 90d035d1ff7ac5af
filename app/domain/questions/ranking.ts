/**
 * Ordering of published questions. Pure and deterministic: the input is not
 * mutated and every tie is broken, so server and client render the same order.
 * The caller passes the questions it wants ordered (normally the approved ones).
 */

export const QUESTION_SORT_ORDERS = ["votes", "newest"] as const;
export type QuestionSortOrder = (typeof QUESTION_SORT_ORDERS)[number];

export interface Rankable {
  id: number;
  votes: number;
  /** A Date, epoch milliseconds, or an ISO 8601 string as stored in SQLite. */
  createdAt: Date | number | string;
}

/**
 * - `votes`: most votes first; ties: older first, then lower id.
 * - `newest`: newest first; ties: higher id first.
 * Unparseable timestamps sort as the oldest possible.
 */
export function rankQuestions<T extends Rankable>(questions: readonly T[], order: QuestionSortOrder): T[] {
  const keyed = questions.map((q) => ({ q, t: toMillis(q.createdAt) }));
  keyed.sort((a, b) => {
    if (order === "votes") {
      return b.q.votes - a.q.votes || a.t - b.t || a.q.id - b.q.id;
    }
    return b.t - a.t || b.q.id - a.q.id;
  });
  return keyed.map((k) => k.q);
}

function toMillis(value: Date | number | string): number {
  const t = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
}
