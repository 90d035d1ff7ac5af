import type { Generated } from "kysely";

export type PollKind = "single" | "multiple" | "scale" | "safety";
export type PollStatus = "draft" | "open" | "closed";

/** A live poll of a dialogue (migration 0010, docs/polls.md). */
export interface PollTable {
  id: Generated<number>;
  dialogue_id: number;
  kind: PollKind;
  question: string;
  /** JSON array of option labels (single/multiple) or fixed codes (scale, safety). */
  options: string;
  status: Generated<PollStatus>;
  /** 0/1: results are public. */
  revealed: Generated<number>;
  position: Generated<number>;
  created_by: number | null;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
}

/** One device's answer to a poll: anonymous, once per poll (unique on poll and participant). */
export interface PollAnswerTable {
  id: Generated<number>;
  poll_id: number;
  participant_id: string;
  idempotency_key: string;
  created_at: string;
}

export interface PollAnswerChoiceTable {
  answer_id: number;
  poll_id: number;
  option_index: number;
}

export interface PollTables {
  polls: PollTable;
  poll_answers: PollAnswerTable;
  poll_answer_choices: PollAnswerChoiceTable;
}
