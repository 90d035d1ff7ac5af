/** A panelist's "questions to me" page: what is assigned to them or their organisation, and their answer. */
import { json, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { parseForm } from "~/http/forms";
import { idSchema } from "~/domain/common/ids";
import { answerAssigned, assignedQuestions } from "~/domain/questions/panelist.server";
import { ANSWER_MAX_LENGTH } from "~/domain/questions/questions.schema";
import { formErrors, qaErrorInfo } from "~/http/errors";
import { publishQaEffects } from "~/realtime/publisher.server";

const AnswerSchema = z.object({
  questionId: idSchema,
  answer: z.string().trim().min(1, "errors.required").max(ANSWER_MAX_LENGTH, "errors.tooLong"),
});

export async function loadAssignedQuestions(request: Request, context: AppLoadContext) {
  const staff = await requireStaff(request, context, "qa.answer");
  return json({ items: await assignedQuestions(context.db, staff) });
}

/**
 * The answer is published under the panelist's own organisation's name (moderate() signs it); a
 * question of another organisation is refused with the Q&A vocabulary. The room hears of it after the commit.
 */
export async function handlePanelistAnswer(request: Request, context: AppLoadContext) {
  const { staff, form } = await requireStaffForm(request, context, "qa.answer");
  const parsed = parseForm(AnswerSchema, form);
  if (!parsed.ok) return json({ ok: false as const, errors: parsed.errors }, { status: 400 });
  const result = await answerAssigned(context.db, staff, parsed.data, context.clientIp, context.clock.now());
  if (!result.ok) {
    const { status, errors } = formErrors(qaErrorInfo(result.error));
    return json({ ok: false as const, errors }, { status });
  }
  publishQaEffects(context.publisher, result.dialogueId!, result.effects);
  return json({ ok: true as const, errors: null });
}
