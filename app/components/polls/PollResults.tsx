import { useTranslation } from "react-i18next";
import type { PublicPoll } from "~/domain/polls/polls.schema";
import { tKey } from "~/i18n/keys";

/** An option's label: its own text, or the fixed safety scale's words. */
export function useOptionLabel() {
  const { t } = useTranslation();
  return (poll: Pick<PublicPoll, "kind">, option: string) => (poll.kind === "safety" ? tKey(t, `polls.safety.${option}`) : option);
}

/** The question as shown: the standard safety question in the reader's language. */
export function usePollQuestion() {
  const { t } = useTranslation();
  return (poll: Pick<PublicPoll, "kind" | "question">) => (poll.kind === "safety" ? t("polls.safetyQuestion") : poll.question);
}

/** The results as text (numbers and percentages) with decorative bars. */
export function PollResults({ poll }: { poll: PublicPoll }) {
  const { t } = useTranslation();
  const label = useOptionLabel();
  const r = poll.results;
  if (!r) return <p className="muted">{t("polls.hiddenResults")}</p>;
  return (
    <div data-testid={`poll-results-${poll.id}`} data-total={r.total}>
      <p>
        <strong>{t("polls.results")}</strong>: {t("polls.total", { count: r.total })}
      </p>
      <ul className="poll-results">
        {poll.options.map((o, i) => (
          <li key={i}>
            {t("polls.optionResult", { option: label(poll, o), count: r.counts[i] ?? 0, percent: r.percents[i] ?? 0 })}
            <span className="poll-bar" aria-hidden="true">
              <span style={{ width: `${r.percents[i] ?? 0}%` }} />
            </span>
          </li>
        ))}
      </ul>
      {r.mean !== null ? <p>{t("polls.mean", { mean: r.mean })}</p> : null}
      {r.unsafePercent !== null ? <p>{t("polls.unsafe", { percent: r.unsafePercent })}</p> : null}
    </div>
  );
}
