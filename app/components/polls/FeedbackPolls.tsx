/** The återkoppling page's closed polls, with the results the moderator revealed and the caveat. */
import { useTranslation } from "react-i18next";
import type { PublicPoll } from "~/domain/polls/polls.schema";
import { PollResults, usePollQuestion } from "~/components/polls/PollResults";

export function FeedbackPolls({ polls }: { polls: PublicPoll[] }) {
  const { t } = useTranslation();
  const question = usePollQuestion();
  if (polls.length === 0) return null;
  return (
    <section aria-labelledby="polls-feedback-heading" data-testid="feedback-polls">
      <h2 id="polls-feedback-heading">{t("polls.feedbackHeading")}</h2>
      <p className="muted">{t("polls.caveat")}</p>
      {polls.map((p) => (
        <article key={p.id} className="poll" aria-labelledby={`feedback-poll-${p.id}`}>
          <h3 id={`feedback-poll-${p.id}`} className="user-text">
            {question(p)}
          </h3>
          <PollResults poll={p} />
        </article>
      ))}
    </section>
  );
}
