import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { getPublicDialogue } from "~/domain/dialogues/dialogues.server";
import { getSnapshot } from "~/domain/questions/qa.server";
import { idSchema } from "~/domain/common/ids";
import { notFound } from "~/http/not-found.server";
import { rankQuestions } from "~/domain/questions/ranking";
import { useQaLive } from "~/realtime/use-qa-live";
import { localeFromMatches, tFor } from "~/utils/i18n-helpers";
import { PresentPoll } from "~/components/polls/PresentPoll";
import { pollLinks } from "~/components/polls/styles";
import { publicPolls } from "~/domain/polls/polls.server";

export const links = pollLinks;

/** Present mode has no site chrome: a big screen in the room. */
export const handle = { bare: true };

export async function loader({ params, context }: LoaderFunctionArgs) {
  const parsed = idSchema.safeParse(params.id);
  const dialogue = parsed.success ? await getPublicDialogue(context.db, parsed.data) : null;
  if (!dialogue) notFound("dialogue");
  const shortUrl = `${context.config.PUBLIC_URL}/d/${dialogue.id}`;
  // The QR code is generated here as SVG markup from our own URL (no user input).
  const qrSvg = await QRCode.toString(shortUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return json({
    dialogue: { id: dialogue.id, title: dialogue.title },
    snapshot: await getSnapshot(context.db, dialogue.id),
    shortUrl,
    qrSvg,
    polls: await publicPolls(context.db, dialogue.id),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${tFor(localeFromMatches(matches))("qa.present.title", { title: data?.dialogue.title ?? "" })} – Tryggve` },
];

export default function PresentMode() {
  const { dialogue, snapshot, shortUrl, qrSvg, polls } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { state } = useQaLive(snapshot, []);
  const current = state.currentQuestionId ? state.questions[state.currentQuestionId] : undefined;
  const next = rankQuestions(
    Object.values(state.questions).filter((q) => q.status === "approved"),
    "votes",
  ).slice(0, 5);
  return (
    <div className="present">
      <h1 className="present-title">{dialogue.title}</h1>
      <section className="present-now" aria-labelledby="present-now" aria-live="polite">
        <h2 id="present-now">{t("qa.present.now")}</h2>
        <p className="present-question user-text">{current ? current.text : t("qa.present.nothing")}</p>
      </section>
      <PresentPoll dialogueId={dialogue.id} polls={polls} />
      <div className="present-bottom">
        <section aria-labelledby="present-next" className="present-next">
          <h2 id="present-next">{t("qa.present.next")}</h2>
          <ol>
            {next.map((q) => (
              <li key={q.id} className="user-text">
                {q.text} <span className="present-votes">({t("qa.votes", { count: q.votes })})</span>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="present-join" className="present-join">
          <h2 id="present-join">{t("qa.present.join")}</h2>
          {/* SVG produced by the qrcode library from our own URL, no user input */}
          <div className="qr" role="img" aria-label={shortUrl} dangerouslySetInnerHTML={{ __html: qrSvg }} />
          <p className="present-url">{shortUrl.replace(/^https?:\/\//, "")}</p>
        </section>
      </div>
    </div>
  );
}
