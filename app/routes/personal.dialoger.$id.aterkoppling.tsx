import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dialogueLinks } from "~/components/dialogues/styles";
import { CsrfInput, ErrorSummary, Notice, TextAreaField } from "~/components/forms";
import { FeedbackFormSchema, LIMITS } from "~/domain/dialogues/dialogue.schema";
import { getDialogue, saveFeedbackDraft, transitionDialogue } from "~/domain/dialogues/dialogues.server";
import { publishFeedback } from "~/domain/dialogues/feedback.server";
import { baseUrlFor, deliverSoon } from "~/http/dialogues.server";
import { idParam, notFound } from "~/http/not-found.server";
import { canWriteFeedback } from "~/domain/dialogues/lifecycle";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { parseForm } from "~/http/forms";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = dialogueLinks;
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleFor(matches, "dialogues.feedback.title", { title: data?.dialogue.title ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "dialogues.manage");
  const dialogue = await getDialogue(context.db, idParam("dialogue", params.id));
  if (!dialogue) notFound("dialogue");
  return json({ dialogue, editable: canWriteFeedback(dialogue.status) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("dialogue", params.id);
  const { staff, form } = await requireStaffForm(request, context, "dialogues.manage");
  const parsed = parseForm(FeedbackFormSchema, form);
  if (!parsed.ok) return json({ ok: false as const, errors: parsed.errors as Record<string, string>, values: parsed.values }, { status: 400 });
  const values: Record<string, string> = { ...parsed.data };
  const saved = await saveFeedbackDraft(context.db, staff, id, parsed.data, { ip: context.clientIp });
  if (saved === "not_found") notFound("dialogue");
  if (saved === "not_allowed")
    return json({ ok: false as const, errors: { _form: "dialogues.errors.transitionNotAllowed" } as Record<string, string>, values }, { status: 400 });
  if (form.get("intent") !== "publish") return json({ ok: true as const, errors: null, values });
  // Marking the meeting ended first keeps the lifecycle order when staff publish straight from "pågår".
  const current = await getDialogue(context.db, id);
  if (current?.status === "ongoing") {
    await transitionDialogue(context.db, staff, id, "end", { ip: context.clientIp, now: context.clock.now() });
  }
  const result = await publishFeedback(context.db, context.config, staff, id, { ip: context.clientIp, baseUrl: baseUrlFor(context, request) });
  if (!result) notFound("dialogue");
  if (!result.ok) return json({ ok: false as const, errors: { _form: result.error } as Record<string, string>, values }, { status: 400 });
  deliverSoon(context);
  return redirect(`/personal/dialoger/${id}?klart=aterkoppling&antal=${result.emailed ?? 0}`);
}

export default function FeedbackEditor() {
  const { dialogue, editable } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = data?.values ?? { summary: dialogue.feedbackSummary ?? "", nextSteps: dialogue.feedbackNextSteps ?? "" };
  const errors = data && !data.ok ? data.errors : null;
  return (
    <>
      <p>
        <Link to={`/personal/dialoger/${dialogue.id}`}>← {t("dialogues.staff.overview")}</Link>
      </p>
      <h1>{t("dialogues.feedback.title", { title: dialogue.title })}</h1>
      {data?.ok ? <Notice kind="success">{t("dialogues.staff.feedbackSaved")}</Notice> : null}
      {!editable ? (
        <Notice kind="warning">{t("dialogues.errors.transitionNotAllowed")}</Notice>
      ) : (
        <Form method="post" noValidate>
          <CsrfInput />
          <ErrorSummary errors={errors} />
          <TextAreaField
            name="summary"
            label={t("dialogues.feedback.summary")}
            error={errors?.summary}
            defaultValue={values.summary}
            rows={8}
            maxLength={LIMITS.longText * 2}
            required
          />
          <TextAreaField
            name="nextSteps"
            label={t("dialogues.feedback.nextSteps")}
            error={errors?.nextSteps}
            defaultValue={values.nextSteps}
            rows={6}
            maxLength={LIMITS.longText * 2}
            required
          />
          <p className="hint">{t("dialogues.feedback.questionsLater")}</p>
          <div className="inline-form">
            <button type="submit" name="intent" value="save">
              {t("dialogues.staff.saveFeedback")}
            </button>
            <button type="submit" name="intent" value="publish" className="primary">
              {t("dialogues.staff.publishFeedback")}
            </button>
          </div>
        </Form>
      )}
    </>
  );
}
