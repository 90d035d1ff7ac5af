/**
 * Present mode's poll: the open poll (the latest one when several are open), else the latest
 * revealed one; its results appear live once the moderator reveals them.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { PublicPoll } from "~/domain/polls/polls.schema";
import { usePollsLive } from "~/realtime/use-polls-live";
import { PollResults, useOptionLabel, usePollQuestion } from "~/components/polls/PollResults";

export function currentPoll(polls: PublicPoll[]): PublicPoll | null {
  const open = polls.filter((p) => p.status === "open");
  if (open.length > 0) return open[open.length - 1]!;
  const revealed = polls.filter((p) => p.revealed);
  return revealed.length > 0 ? revealed[revealed.length - 1]! : null;
}

export function PresentPoll({ dialogueId, polls }: { dialogueId: number; polls: PublicPoll[] }) {
  const { t } = useTranslation();
  const initial = useMemo(() => ({ polls, mine: {} }), [polls]);
  const { state } = usePollsLive(dialogueId, initial);
  const label = useOptionLabel();
  const question = usePollQuestion();
  const poll = currentPoll(state.polls);
  if (!poll) return null;
  return (
    <section className="present-poll" aria-labelledby="present-poll" aria-live="polite" data-testid="present-poll" data-poll={poll.id}>
      <h2 id="present-poll">{t("polls.present.heading")}</h2>
      <p className="present-question user-text">{question(poll)}</p>
      {poll.results ? (
        <PollResults poll={poll} />
      ) : (
        <>
          <ul className="poll-results">
            {poll.options.map((o, i) => (
              <li key={i} className="user-text">
                {label(poll, o)}
              </li>
            ))}
          </ul>
          <p>{t("polls.hiddenResults")}</p>
        </>
      )}
    </section>
  );
}
