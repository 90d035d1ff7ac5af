import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice } from "~/components/forms";
import { MeasureTable } from "~/components/measures/MeasureBits";
import { measureLinks } from "~/components/measures/styles";
import { getDialogue } from "~/domain/dialogues/dialogues.server";
import { baseUrlFor, deliverSoon } from "~/http/dialogues.server";
import { idParam, notFound } from "~/http/not-found.server";
import { sendMeasures } from "~/domain/measures/actions.server";
import { listMeasures } from "~/domain/measures/measures.server";
import { answeredWithMeasures, measureIdsForDialogue } from "~/domain/measures/sources.server";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { titleFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = measureLinks;
export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleFor(matches, "measures.staff.dialogueTitle", { title: data?.dialogue.title ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "measures.manage");
  const dialogue = await getDialogue(context.db, idParam("dialogue", params.id));
  if (!dialogue) notFound("dialogue");
  const [answered, ids] = await Promise.all([answeredWithMeasures(context.db, dialogue.id), measureIdsForDialogue(context.db, dialogue.id)]);
  const measures = await listMeasures(context.db, { ids }, context.clock.now());
  return json({ dialogue: { id: dialogue.id, title: dialogue.title }, answered, measures });
}

/** "Send to responsible parties": every proposed measure of this dialogue, one email per party. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam("dialogue", params.id);
  const { staff } = await requireStaffForm(request, context, "measures.manage");
  if (!(await getDialogue(context.db, id))) notFound("dialogue");
  const ids = (await listMeasures(context.db, { ids: await measureIdsForDialogue(context.db, id), status: "proposed" }, context.clock.now())).map((m) => m.id);
  const r = await sendMeasures(context.db, context.config, staff, ids, {
    baseUrl: baseUrlFor(context, request),
    ip: context.clientIp,
    dialogueId: id,
    now: context.clock.now(),
  });
  if (!r.ok) return json({ ok: false as const, error: r.error, organisation: r.organisation ?? "" }, { status: 400 });
  deliverSoon(context);
  return json({ ok: true as const, sent: r.sent, emails: r.emails });
}

export default function DialogueMeasures() {
  const { dialogue, answered, measures } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const proposed = measures.filter((m) => m.status === "proposed").length;
  return (
    <>
      <p>
        <Link to={`/personal/dialoger/${dialogue.id}`}>← {dialogue.title}</Link>
      </p>
      <h1>{t("measures.staff.dialogueTitle", { title: dialogue.title })}</h1>
      {result?.ok ? <Notice kind="success">{t("measures.staff.sentCount", { count: result.sent, emails: result.emails })}</Notice> : null}
      {result && !result.ok ? <ErrorSummary errors={{ _form: t(result.error, { organisation: result.organisation }) }} /> : null}
      <section aria-labelledby="answered-heading">
        <h2 id="answered-heading">{t("measures.staff.answeredHeading")}</h2>
        <p>{t("measures.staff.answeredIntro")}</p>
        {answered.length === 0 ? <p>{t("measures.staff.noAnswered")}</p> : null}
        <ul className="question-list">
          {answered.map((q) => (
            <li key={q.id} className="question answered">
              <p className="user-text">
                <span className="muted">#{q.id} </span>
                {q.text}
              </p>
              {q.answer ? (
                <p className="user-text">
                  {q.answeredBy ? `${q.answeredBy}: ` : ""}
                  {q.answer}
                </p>
              ) : null}
              <p className="inline-form">
                <Link to={`/personal/atgarder/ny?fraga=${q.id}`} aria-label={`${t("measures.staff.createFromQuestion")}: ${q.text.slice(0, 60)}`}>
                  {t("measures.staff.createFromQuestion")}
                </Link>
                {q.measureIds.map((mid) => (
                  <Link key={mid} to={`/personal/atgarder/${mid}`}>{`${t("measures.title")} #${mid}`}</Link>
                ))}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="linked-heading">
        <h2 id="linked-heading">{t("measures.staff.linkedMeasures")}</h2>
        {measures.length === 0 ? (
          <p>{t("measures.public.linkedNone")}</p>
        ) : (
          <MeasureTable rows={measures} caption={t("measures.staff.linkedMeasures")} hrefFor={(mid) => `/personal/atgarder/${mid}`} />
        )}
      </section>
      <section aria-labelledby="send-heading">
        <h2 id="send-heading">{t("measures.staff.sendHeading")}</h2>
        <p>{t("measures.staff.sendIntro", { count: proposed })}</p>
        <Form method="post">
          <CsrfInput />
          <button type="submit" className="primary" disabled={proposed === 0}>
            {t("measures.staff.sendButton")}
          </button>
        </Form>
      </section>
    </>
  );
}
