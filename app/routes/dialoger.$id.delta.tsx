import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dialogueLinks } from "~/components/dialogues/styles";
import { PrivacyVideo } from "~/components/dialogues/PrivacyVideo";
import { getPublicDialogue } from "~/domain/dialogues/dialogues.server";
import { formatSpan } from "~/domain/common/format";
import { idParam, notFound } from "~/http/not-found.server";
import { usePresence } from "~/realtime/use-socket";
import { QaPanel } from "~/components/qa/QaPanel";
import { loadQaPanel } from "~/http/qa.server";
import { PollPanel } from "~/components/polls/PollPanel";
import { pollLinks } from "~/components/polls/styles";
import { loadPolls } from "~/http/polls.server";
import { localeFromMatches, tFor } from "~/utils/i18n-helpers";

export const links: LinksFunction = () => [...dialogueLinks(), ...pollLinks()];
export { liveShouldRevalidate as shouldRevalidate } from "~/utils/live-revalidation";
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  { title: `${tFor(localeFromMatches(matches))("dialogues.join.title")}: ${data?.dialogue.title ?? ""} – Tryggve` },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const dialogue = await getPublicDialogue(context.db, idParam("dialogue", params.id));
  if (!dialogue) notFound("dialogue");
  return json({
    dialogue,
    live: dialogue.status === "published" || dialogue.status === "ongoing",
    qa: await loadQaPanel(context, dialogue.id),
    polls: await loadPolls(context, dialogue.id),
  });
}

function LiveCount({ dialogueId }: { dialogueId: number }) {
  const { t } = useTranslation();
  const { count, connected } = usePresence(dialogueId);
  return (
    <p className="live-count" role="status" aria-live="polite" data-testid="remote-count" data-count={count ?? ""}>
      {count === null ? t("dialogues.join.liveConnecting") : t("dialogues.join.liveCount", { count })}
      {!connected && count !== null ? ` ${t("dialogues.join.liveOffline")}` : ""}
    </p>
  );
}

export default function JoinPage() {
  const { dialogue: d, live, qa, polls } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/dialoger/${d.id}`}>← {d.title}</Link>
      </p>
      <h1>
        {t("dialogues.join.title")}: {d.title}
      </h1>
      <p>
        <time dateTime={d.startsAt}>{formatSpan(d.startsAt, d.endsAt, i18n.language)}</time> ({t("dialogues.timeZoneNote")})
      </p>
      <p>{t("dialogues.join.intro")}</p>
      {live ? <LiveCount dialogueId={d.id} /> : <p>{t("dialogues.join.notLive")}</p>}
      <div className="join-layout">
        <section aria-labelledby="stream-heading" className="join-stream">
          <h2 id="stream-heading" className="visually-hidden">
            {t("dialogues.fields.streamUrl")}
          </h2>
          {d.streamUrl ? <PrivacyVideo url={d.streamUrl} title={d.title} /> : null}
          {d.meetingUrl ? (
            <p>
              <a href={d.meetingUrl} target="_blank" rel="noopener noreferrer" className="button-link">
                {t("dialogues.join.meetingLink")}
              </a>
            </p>
          ) : null}
          {!d.streamUrl && !d.meetingUrl ? <p>{t("dialogues.join.noLinks")}</p> : null}
        </section>
        <div className="join-qa">
          <PollPanel data={polls} />
          <QaPanel data={qa} />
        </div>
      </div>
    </>
  );
}
