/** A panelist's "questions to me" page: what is assigned to them or their organisation, and their answer. */
import { json, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { parseForm } from "~/http/forms";
import { idSchema } from "~/domain/common/ids";
import { findOrganisation } from "~/domain/common/organisations.server";
import { answerAssigned, assignedQuestions } from "~/domain/questions/panelist.server";
import { ANSWER_MAX_LENGTH } from "~/domain/questions/questions.schema";
import { publishQaEffects } from "~/realtime/publisher.server";

const AnswerSchema = z.object({
  questionId: idSchema,
  answer: z.string().trim().min(1, "errors.required").max(ANSWER_MAX_LENGTH, "errors.tooLong"),
});

export async function loadAssignedQuestions(request: Request, context: AppLoadContext) {
  const staff = await requireStaff(request, context, "qa.answer");
  return json({ items: await assignedQuestions(context.db, staff) });
}

/** The answer is published under the organisation's name; the room hears of it after the commit. */
export async function handlePanelistAnswer(request: Request, context: AppLoadContext) {
  const { staff, form } = await requireStaffForm(request, context, "qa.answer");
  const parsed = parseForm(AnswerSchema, form);
  if (!parsed.ok) return json({ ok: false as const, errors: parsed.errors }, { status: 400 });
  const org = staff.organisationId ? await findOrganisation(context.db, staff.organisationId) : null;
  const result = await answerAssigned(context.db, staff, parsed.data, context.clientIp, org?.name ?? null, context.clock.now());
  if (!result.ok)
    return json({ ok: false as const, errors: { _form: result.error === "not_found" ? "qa.errors.notFound" : "qa.errors.invalidState" } }, { status: 404 });
  const q = await context.db.selectFrom("questions").select("dialogue_id").where("id", "=", parsed.data.questionId).executeTakeFirstOrThrow();
  publishQaEffects(context.publisher, q.dialogue_id, result.effects);
  return json({ ok: true as const, errors: null });
}
