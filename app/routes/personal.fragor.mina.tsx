import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AnswerForm } from "~/components/qa/AnswerForm";
import { handlePanelistAnswer, loadAssignedQuestions } from "~/http/panelist.server";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "qa.panelist.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadAssignedQuestions(request, context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handlePanelistAnswer(request, context);
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
