/**
 * Zod schemas for the live Q&A, shared by the form actions (no-JS posts, where
 * every value arrives as a string) and the socket events (JSON). Messages are
 * i18n keys (see app/i18n). Safe to import in the browser.
 *
 * New i18n keys used here: qa.errors.tooLong, qa.errors.idempotencyKey,
 * qa.errors.rule, qa.errors.mergeIntoSelf. The rest exist under errors.*.
 */
import { z } from "zod";
import { idSchema } from "~/domain/common/ids";
import { REJECTION_RULES } from "~/domain/questions/rules";

export const QUESTION_MAX_LENGTH = 500;
export const DISPLAY_NAME_MAX_LENGTH = 60;
export const ANSWER_MAX_LENGTH = 2000;
export const ANSWERED_BY_MAX_LENGTH = 120;
export const REASON_MAX_LENGTH = 500;
export const NOTE_MAX_LENGTH = 1000;

/** Kept here for the Q&A modules that import it from this schema file. */
export { idSchema };

/** Question text: trimmed, NFC-normalised (so pre-screen offsets match what is stored), 1..500. */
export const questionTextSchema = z.string("errors.required").trim().normalize("NFC").min(1, "errors.required").max(QUESTION_MAX_LENGTH, "qa.errors.tooLong");

/** Optional free text: trimmed; missing or blank becomes null. */
function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .nullish()
    .transform((v) => (v ? v : null));
}

/** Required free text: trimmed, 1..max. */
function requiredText(max: number) {
  return z.string("errors.required").trim().min(1, "errors.required").max(max, "errors.tooLong");
}

/** Anonymous is the default: no name, or a blank one, is null. */
export const displayNameSchema = optionalText(DISPLAY_NAME_MAX_LENGTH).pipe(z.string().normalize("NFC").nullable());

/** Client-generated, so a retried submit is recognised and not stored twice. */
export const idempotencyKeySchema = z.uuid("qa.errors.idempotencyKey");

/** A boolean from JSON, or "true"/"false"/"on"/"1"/"0" from a form. */
export const formBoolean = z.union([z.boolean(), z.enum(["true", "false", "on", "1", "0"]).transform((v) => v === "true" || v === "on" || v === "1")]);

/** `YYYY-MM-DD`, a real calendar date; blank from a form means "use the default". */
const optionalDueDate = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.iso.date("errors.date").optional());

export const SubmitQuestionSchema = z.object({
  dialogueId: idSchema,
  text: questionTextSchema,
  displayName: displayNameSchema,
  idempotencyKey: idempotencyKeySchema,
});
export type SubmitQuestionInput = z.output<typeof SubmitQuestionSchema>;

/** Set the participant's vote to `voted` (idempotent, unlike a blind toggle). */
export const VoteSchema = z.object({
  dialogueId: idSchema,
  questionId: idSchema,
  voted: formBoolean,
});
export type VoteInput = z.output<typeof VoteSchema>;

const target = { dialogueId: idSchema, questionId: idSchema };

export const ApproveSchema = z.object({ action: z.literal("approve"), ...target });

export const EditAndApproveSchema = z.object({
  action: z.literal("edit_and_approve"),
  ...target,
  text: questionTextSchema,
  /** Why the text was edited; stored with the hidden original. */
  reason: requiredText(REASON_MAX_LENGTH),
});

export const MergeSchema = z
  .object({ action: z.literal("merge"), ...target, intoQuestionId: idSchema })
  .refine((v) => v.intoQuestionId !== v.questionId, { path: ["intoQuestionId"], message: "qa.errors.mergeIntoSelf" });

export const RejectSchema = z.object({
  action: z.literal("reject"),
  ...target,
  rule: z.enum(REJECTION_RULES, "qa.errors.rule"),
});

export const ReinstateSchema = z.object({ action: z.literal("reinstate"), ...target });

/** Flag for escalation to the police (threat or hate that may be a crime). */
export const EscalateSchema = z.object({
  action: z.literal("escalate"),
  ...target,
  note: requiredText(NOTE_MAX_LENGTH),
});

export const ASSIGNEE_TYPES = ["panelist", "organisation"] as const;

export const AssignSchema = z.object({
  action: z.literal("assign"),
  ...target,
  assigneeType: z.enum(ASSIGNEE_TYPES, "errors.malformedForm"),
  assigneeId: idSchema,
});

export const StartAnsweringSchema = z.object({ action: z.literal("start_answering"), ...target });

export const StopAnsweringSchema = z.object({ action: z.literal("stop_answering"), ...target });

export const MarkAnsweredSchema = z.object({
  action: z.literal("mark_answered"),
  ...target,
  answer: optionalText(ANSWER_MAX_LENGTH),
  answeredBy: optionalText(ANSWERED_BY_MAX_LENGTH),
});

export const AnswerInWritingSchema = z.object({
  action: z.literal("answer_in_writing"),
  ...target,
  dueDate: optionalDueDate,
});

export const PublishWrittenAnswerSchema = z.object({
  action: z.literal("publish_written_answer"),
  ...target,
  answer: requiredText(ANSWER_MAX_LENGTH),
  answeredBy: optionalText(ANSWERED_BY_MAX_LENGTH),
});

/** Every moderation payload, told apart by `action`. */
export const ModerationSchema = z.discriminatedUnion(
  "action",
  [
    ApproveSchema,
    EditAndApproveSchema,
    MergeSchema,
    RejectSchema,
    ReinstateSchema,
    EscalateSchema,
    AssignSchema,
    StartAnsweringSchema,
    StopAnsweringSchema,
    MarkAnsweredSchema,
    AnswerInWritingSchema,
    PublishWrittenAnswerSchema,
  ],
  { error: "errors.malformedForm" },
);
export type ModerationInput = z.output<typeof ModerationSchema>;
export type ModerationActionName = ModerationInput["action"];
