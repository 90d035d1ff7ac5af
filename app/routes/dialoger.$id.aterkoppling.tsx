import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { measureLinks } from "~/components/measures/styles";
import { AttendanceTable } from "~/components/dialogues/AttendanceTable";
import { getAttendance, getPublicDialogue } from "~/domain/dialogues/dialogues.server";
import { formatDay, formatSpan } from "~/domain/common/format";
import { idParam, notFound } from "~/http/not-found.server";
import { answeredQuestions } from "~/domain/questions/qa.server";
import { StatusBadge } from "~/components/measures/MeasureBits";
import { listMeasures } from "~/domain/measures/measures.server";
import { measureIdsForDialogue } from "~/domain/measures/sources.server";
import { tFor, localeFromMatches } from "~/utils/i18n-helpers";
import { FeedbackPolls } from "~/components/polls/FeedbackPolls";
import { pollLinks } from "~/components/polls/styles";
import { publicPolls } from "~/domain/polls/polls.server";

// measureLinks includes the dialogue stylesheet.
export const links: LinksFunction = () => [...measureLinks(), ...pollLinks()];
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  { title: `${tFor(localeFromMatches(matches))("dialogues.feedback.title", { title: data?.dialogue.title ?? "" })} – Tryggve` },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const dialogue = await getPublicDialogue(context.db, idParam("dialogue", params.id));
  if (!dialogue) notFound("dialogue");
  return json({
    dialogue,
    attendance: await getAttendance(context.db, dialogue.id),
    answered: await answeredQuestions(context.db, dialogue.id),
    polls: await publicPolls(context.db, dialogue.id, { status: "closed" }),
    // Read on every request, so the status shown is always the current one.
    measures: await listMeasures(context.db, { ids: await measureIdsForDialogue(context.db, dialogue.id) }, context.clock.now()),
  });
}

export default function FeedbackPage() {
  const { dialogue: d, attendance, answered, measures, polls } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <article className="prose">
      <h1>{t("dialogues.feedback.title", { title: d.title })}</h1>
      <p>
        {d.districtName} · <time dateTime={d.startsAt}>{formatSpan(d.startsAt, d.endsAt, i18n.language)}</time> ·{" "}
        <Link to={`/dialoger/${d.id}`}>{d.title}</Link>
      </p>
      {d.feedbackPublishedAt ? (
        <>
          <p className="muted">{t("dialogues.feedback.published", { date: formatDay(d.feedbackPublishedAt, i18n.language) })}</p>
          <h2>{t("dialogues.feedback.summary")}</h2>
          <p className="user-text">{d.feedbackSummary}</p>
          <h2>{t("dialogues.feedback.nextSteps")}</h2>
          <p className="user-text">{d.feedbackNextSteps}</p>
        </>
      ) : (
        <p>{t("dialogues.feedback.notYet")}</p>
      )}
      <section aria-labelledby="answered-heading" data-testid="answered-questions">
        <h2 id="answered-heading">{t("dialogues.feedback.questionsHeading")}</h2>
        {answered.length === 0 ? <p>{t("qa.noneAnswered")}</p> : null}
        <ul className="question-list">
          {answered.map((q) => (
            <li key={q.id} className="question answered">
              <p className="user-text">{q.text}</p>
              <div className="answer">
                <strong>{q.answeredBy ? t("qa.answeredBy", { by: q.answeredBy }) : t("qa.answer")}</strong>
                {q.answer ? <p className="user-text">{q.answer}</p> : null}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <FeedbackPolls polls={polls} />
      <section aria-labelledby="measures-heading" data-slot="linked-measures">
        <h2 id="measures-heading">{t("dialogues.feedback.measuresHeading")}</h2>
        {measures.length === 0 ? <p>{t("measures.public.linkedNone")}</p> : null}
        <ul className="linked-measures">
          {measures.map((m) => (
            <li key={m.id}>
              <Link to={`/atgarder/${m.id}`}>{m.title}</Link> – <StatusBadge status={m.status} /> ({m.organisationName})
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">{t("dialogues.feedback.attendanceHeading")}</h2>
        <AttendanceTable a={attendance} />
      </section>
    </article>
  );
}
