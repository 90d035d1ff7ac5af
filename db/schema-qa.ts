import type { Generated } from "kysely";

export type QuestionStatusColumn = "waiting" | "approved" | "answering_now" | "answered" | "answer_in_writing" | "rejected" | "merged";

export interface QaRejectionRuleTable {
  code: string;
  label_sv: string;
  label_en: string;
  active: Generated<number>;
  sort: Generated<number>;
}

export interface QuestionTable {
  id: Generated<number>;
  dialogue_id: number;
  participant_id: string;
  idempotency_key: string;
  text: string;
  original_text: string | null;
  edited_by: number | null;
  edit_reason: string | null;
  edited_at: string | null;
  display_name: string | null;
  status: Generated<QuestionStatusColumn>;
  reject_rule: string | null;
  merged_into_id: number | null;
  /** JSON array of pre-screen flags. */
  flags: Generated<string>;
  escalated_at: string | null;
  escalated_by: number | null;
  escalation_note: string | null;
  assigned_organisation_id: number | null;
  assigned_staff_id: number | null;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  written_due_date: string | null;
  vote_count: Generated<number>;
  /** Incremented with every recount of vote_count (migration 0018): clients keep the newest tally. */
  tally_version: Generated<number>;
  claimed_by: number | null;
  claimed_until: string | null;
  moderated_by: number | null;
  moderated_at: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface QuestionVoteTable {
  question_id: number;
  participant_id: string;
  created_at: string;
}

export interface QaStateTable {
  dialogue_id: number;
  submissions_open: Generated<number>;
  current_question_id: number | null;
  last_seq: Generated<number>;
}

export interface QaEventTable {
  dialogue_id: number;
  seq: number;
  type: string;
  payload: string;
  created_at: string;
}

export interface QaTables {
  qa_rejection_rules: QaRejectionRuleTable;
  questions: QuestionTable;
  question_votes: QuestionVoteTable;
  qa_state: QaStateTable;
  qa_events: QaEventTable;
}
