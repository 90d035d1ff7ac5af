import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/measures/MeasureBits";
import { measureLinks } from "~/components/measures/styles";
import { myQuestionsAndMeasures } from "~/domain/measures/residents.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = measureLinks;
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "measures.mine.title");

/** What this device submitted, through the participant id cookie; nothing else identifies the resident. */
export async function loader({ context }: LoaderFunctionArgs) {
  return json({ items: await myQuestionsAndMeasures(context.db, context.participantId) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function Mine() {
  const { items } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("measures.mine.title")}</h1>
      <p>{t("measures.mine.intro")}</p>
      {items.length === 0 ? <p>{t("measures.mine.none")}</p> : null}
      <ul className="question-list">
        {items.map((q) => (
          <li key={q.id} className="question">
            <p className="user-text">{q.text}</p>
            <p className="muted">
              <Link to={`/dialoger/${q.dialogueId}`}>{t("measures.mine.inDialogue", { title: q.dialogueTitle })}</Link> ·{" "}
              {t("measures.mine.questionStatus", { status: t(`measures.mine.questionStatuses.${q.status}`) })}
            </p>
            {q.answer ? <p className="user-text">{q.answer}</p> : null}
            {q.measures.length ? (
              <>
                <p>
                  <strong>{t("measures.mine.becameMeasure")}</strong>
                </p>
                <ul>
                  {q.measures.map((m) => (
                    <li key={m.id}>
                      <Link to={`/atgarder/${m.id}`}>{m.title}</Link> – <StatusBadge status={m.status} /> ({m.organisationName})
                    </li>
                  ))}
                </ul>
              </>
            ) : q.status === "answered" ? (
              <p className="muted">{t("measures.mine.noMeasure")}</p>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="muted">{t("measures.mine.pinsLater")}</p>
    </>
  );
}
