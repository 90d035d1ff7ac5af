/** Zod schemas for follow-up walk forms ("is this fixed?"). Browser-safe; messages are i18n keys. */
import { z } from "zod";
import { optionalText as sharedOptionalText } from "~/domain/common/fields";
import { idField } from "~/domain/common/ids";

export const CHECK_ANSWERS = ["yes", "no", "partly"] as const;
export type CheckAnswer = (typeof CHECK_ANSWERS)[number];
export const CHECK_COMMENT_MAX = 500;
const E = "measures.checks.errors";

const optionalText = (max: number) => sharedOptionalText(max, `${E}.commentTooLong`);

/** A participant's answer on the walk's map page. */
export const CheckAnswerSchema = z.object({
  measureId: idField(`${E}.measureUnknown`),
  answer: z.enum(CHECK_ANSWERS, { message: `${E}.answerRequired` }),
  comment: optionalText(CHECK_COMMENT_MAX),
});
export type CheckAnswerInput = z.output<typeof CheckAnswerSchema>;

/** A staff member turning the walk's answers into a status change. */
export const CheckResolveSchema = z.object({
  measureId: idField(`${E}.measureUnknown`),
  resolution: z.enum(["verify", "reopen"], { message: `${E}.resolutionInvalid` }),
  comment: optionalText(1000),
});
