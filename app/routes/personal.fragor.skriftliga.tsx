import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AnswerForm } from "~/components/qa/AnswerForm";
import { handleModerationForm } from "~/http/moderation.server";
import { writtenAnswersDue } from "~/domain/questions/qa.server";
import { idSchema } from "~/domain/common/ids";
import { formatMediumDate } from "~/domain/common/format";
import { calendarDate } from "~/domain/common/time";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "qa.mod.writtenTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "qa.moderate");
  return json({ items: await writtenAnswersDue(context.db, calendarDate(context.clock.now())) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { staff, form } = await requireStaffForm(request, context, "qa.moderate");
  const dialogueId = idSchema.safeParse(form.get("dialogueId"));
  if (!dialogueId.success) return json({ ok: false, intent: "moderate", errors: { _form: "errors.malformedForm" } }, { status: 400 });
  form.set("intent", "moderate");
  form.set("action", "publish_written_answer");
  const result = await handleModerationForm(context, staff, dialogueId.data, form);
  return json(result.body, { status: result.status });
}

export default function WrittenAnswers() {
  const { items } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <h1>{t("qa.mod.writtenTitle")}</h1>
      {items.length === 0 ? <p>{t("qa.mod.writtenNone")}</p> : null}
      <ul className="report-list">
        {items.map((item) => (
          <li key={item.id} className={`card${item.overdue ? " overdue" : ""}`}>
            <p>
              <Link to={`/personal/dialoger/${item.dialogueId}/fragor`}>{item.dialogueTitle}</Link> ·{" "}
              {item.overdue ? <strong className="overdue-label">{t("qa.mod.overdue")}: </strong> : null}
              {t("qa.mod.due", { date: formatMediumDate(item.dueDate, i18n.language) })}
            </p>
            <p className="user-text">{item.text}</p>
            <AnswerForm questionId={item.id} hidden={{ dialogueId: item.dialogueId }} withAnsweredBy />
          </li>
        ))}
      </ul>
    </>
  );
}
