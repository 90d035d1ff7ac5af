import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AnswerForm } from "~/components/qa/AnswerForm";
import { answerAssigned, assignedQuestions } from "~/domain/questions/panelist.server";
import { ANSWER_MAX_LENGTH, idSchema } from "~/domain/questions/questions.schema";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { publishQaEffects } from "~/realtime/publisher.server";
import { parseForm } from "~/http/forms";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "qa.panelist.title");

const AnswerSchema = z.object({
  questionId: idSchema,
  answer: z.string().trim().min(1, "errors.required").max(ANSWER_MAX_LENGTH, "errors.tooLong"),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "qa.answer");
  return json({ items: await assignedQuestions(context.db, staff) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context, "qa.answer");
  const parsed = parseForm(AnswerSchema, form);
  if (!parsed.ok) return json({ ok: false as const, errors: parsed.errors }, { status: 400 });
  const org = staff.organisationId
    ? await context.db.selectFrom("organisations").select("name").where("id", "=", staff.organisationId).executeTakeFirst()
    : undefined;
  const result = await answerAssigned(context.db, staff, parsed.data, context.clientIp, org?.name ?? null, context.clock.now());
  if (!result.ok)
    return json({ ok: false as const, errors: { _form: result.error === "not_found" ? "qa.errors.notFound" : "qa.errors.invalidState" } }, { status: 404 });
  const q = await context.db.selectFrom("questions").select("dialogue_id").where("id", "=", parsed.data.questionId).executeTakeFirstOrThrow();
  publishQaEffects(context.publisher, q.dialogue_id, result.effects);
  return json({ ok: true as const, errors: null });
}

export default function PanelistQuestions() {
  const { items } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("qa.panelist.title")}</h1>
      <p>{t("qa.panelist.intro")}</p>
      {items.length === 0 ? <p>{t("qa.panelist.none")}</p> : null}
      <ul className="report-list">
        {items.map((q) => (
          <li key={q.id} className="card">
            <p className="muted">
              {q.dialogueTitle} · {t(`qa.status.${q.status}`)} · {q.assignedTo === "me" ? t("qa.panelist.toMe") : t("qa.panelist.toOrganisation")}
            </p>
            <p className="user-text">{q.text}</p>
            <AnswerForm questionId={q.id} />
          </li>
        ))}
      </ul>
    </>
  );
}
