/**
 * Live polls in dialogues (docs/polls.md): kinds, the standard safety question and the zod
 * schemas shared by the socket events and the form posts (messages are i18n keys).
 * Browser-safe: no server imports.
 */
import { z } from "zod";
import { idSchema } from "~/domain/common/ids";

export const POLL_KINDS = ["single", "multiple", "scale", "safety"] as const;
export type PollKind = (typeof POLL_KINDS)[number];
export type PollStatus = "draft" | "open" | "closed";

/**
 * The standard safety question of Stockholm's trygghetsmätning, with its fixed scale. Its answers
 * feed the district's safety picture (share who feel unsafe) over time.
 */
export const SAFETY_QUESTION_SV = "Hur trygg eller otrygg känner du dig när du går ut ensam sent en kväll i ditt område?";
export const SAFETY_OPTIONS = ["very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe", "never_out"] as const;
/** The options counted as "feels unsafe". */
export const SAFETY_UNSAFE = [2, 3] as const;
export const SCALE_OPTIONS = ["1", "2", "3", "4", "5"] as const;

export const POLL_QUESTION_MAX = 300;
export const POLL_OPTION_MAX = 120;
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 10;

const idempotencyKey = z.uuid("polls.errors.idempotencyKey");

/**
 * One answer: the chosen option indexes. From a form every `choice` arrives as a string (one field
 * per checkbox); from the socket as numbers.
 */
export const PollAnswerSchema = z.object({
  dialogueId: idSchema,
  pollId: idSchema,
  choices: z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(
        z
          .union([
            z.number(),
            z
              .string()
              .regex(/^\d{1,2}$/, "polls.errors.choice")
              .transform(Number),
          ])
          .pipe(
            z
              .number()
              .int()
              .min(0)
              .max(POLL_MAX_OPTIONS - 1),
          ),
        "polls.errors.choice",
      )
      .min(1, "polls.errors.choiceRequired")
      .max(POLL_MAX_OPTIONS, "polls.errors.choice"),
  ),
  idempotencyKey,
});
export type PollAnswerInput = z.output<typeof PollAnswerSchema>;

/** Join the dialogue's polls (snapshot in the ack). */
export const PollJoinSchema = z.object({ dialogueId: idSchema }).strict();

/** A moderator's live control. */
export const PollControlSchema = z.object({
  dialogueId: idSchema,
  pollId: idSchema,
  action: z.enum(["open", "close", "reveal", "hide", "delete"], "errors.malformedForm"),
});
export type PollControlInput = z.output<typeof PollControlSchema>;

const optionText = z.string().trim().max(POLL_OPTION_MAX, "polls.errors.optionTooLong");

/** A moderator prepares a poll. Options are one per line (form) or an array (JSON); blanks are dropped. */
export const CreatePollSchema = z
  .object({
    dialogueId: idSchema,
    kind: z.enum(POLL_KINDS, "polls.errors.kind"),
    question: z.string().trim().max(POLL_QUESTION_MAX, "polls.errors.questionTooLong").optional().default(""),
    options: z.preprocess(
      (v) => (typeof v === "string" ? v.split(/\r?\n/) : (v ?? [])),
      z.array(optionText).transform((a) => a.filter((s) => s.length > 0)),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "safety") return;
    if (v.question.length === 0) ctx.addIssue({ code: "custom", path: ["question"], message: "errors.required" });
    if (v.kind === "single" || v.kind === "multiple") {
      if (v.options.length < POLL_MIN_OPTIONS) ctx.addIssue({ code: "custom", path: ["options"], message: "polls.errors.tooFewOptions" });
      if (v.options.length > POLL_MAX_OPTIONS) ctx.addIssue({ code: "custom", path: ["options"], message: "polls.errors.tooManyOptions" });
    }
  });
export type CreatePollInput = z.output<typeof CreatePollSchema>;

/** What residents (and present mode) see of a poll; `results` only once revealed. */
export interface PublicPoll {
  id: number;
  dialogueId: number;
  kind: PollKind;
  question: string;
  options: string[];
  status: PollStatus;
  revealed: boolean;
  results: PollResults | null;
}

export interface PollResults {
  /** Number of answers (devices). */
  total: number;
  /** Times each option was chosen, by option index. */
  counts: number[];
  /** Whole percentages of answers per option (for single choice, scale and safety they sum to 100). */
  percents: number[];
  /** Scale: the mean of 1-5; otherwise null. */
  mean: number | null;
  /** Safety question: percent who feel fairly or very unsafe; otherwise null. */
  unsafePercent: number | null;
}

/** The options a poll of this kind has: its own labels, or the fixed codes. */
export function fixedOptions(kind: PollKind): readonly string[] | null {
  return kind === "scale" ? SCALE_OPTIONS : kind === "safety" ? SAFETY_OPTIONS : null;
}
