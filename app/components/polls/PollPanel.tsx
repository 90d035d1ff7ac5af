/**
 * A dialogue's live polls for residents (join page, Q&A page, the polls page). With a connected
 * socket an answer is one `poll:answer` event; otherwise (no JavaScript, or the socket is down)
 * the form posts to `/dialoger/:id/omrostningar`, which calls the same domain function.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { PublicPoll } from "~/domain/polls/polls.schema";
import { ackErrors } from "~/http/errors";
import type { PollFormResult, PollPanelData } from "~/http/polls.server";
import { tKey } from "~/i18n/keys";
import { usePollsLive } from "~/realtime/use-polls-live";
import { PollResults, useOptionLabel, usePollQuestion } from "~/components/polls/PollResults";

export function PollPanel({ data, formResult = null, headingLevel = 2 }: { data: PollPanelData; formResult?: PollFormResult | null; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const { state, connected, answer } = usePollsLive(data.dialogueId, data);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const visible = state.polls;
  return (
    <section className="polls" aria-labelledby="polls-heading" data-testid="polls">
      <Heading id="polls-heading">{t("polls.heading")}</Heading>
      <p className="muted">{t("polls.intro")}</p>
      {visible.length === 0 ? <p>{t("polls.none")}</p> : null}
      {visible.map((poll) => (
        <PollCard
          key={poll.id}
          poll={poll}
          mine={state.mine[poll.id] ?? null}
          dialogueId={data.dialogueId}
          idempotencyKey={formResult?.nextKey ?? data.idempotencyKey}
          formResult={formResult && formResult.pollId === poll.id ? formResult : null}
          live={connected}
          answer={answer}
        />
      ))}
    </section>
  );
}

type Answer = ReturnType<typeof usePollsLive>["answer"];

function PollCard({
  poll,
  mine,
  dialogueId,
  idempotencyKey,
  formResult,
  live,
  answer,
}: {
  poll: PublicPoll;
  mine: number[] | null;
  dialogueId: number;
  idempotencyKey: string;
  formResult: PollFormResult | null;
  live: boolean;
  answer: Answer;
}) {
  const { t } = useTranslation();
  const label = useOptionLabel();
  const question = usePollQuestion();
  const [error, setError] = useState<string | null>(formResult && !formResult.ok ? (Object.values(formResult.errors)[0] ?? null) : null);
  const [sending, setSending] = useState(false);
  const [justAnswered, setJustAnswered] = useState(formResult?.ok ?? false);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const thanksRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  useEffect(() => {
    if (justAnswered) thanksRef.current?.focus();
  }, [justAnswered]);

  const mineNow = mine ?? (formResult?.ok ? formResult.choices : null);
  const base = `poll-${poll.id}`;
  const multiple = poll.kind === "multiple";
  const hint = multiple ? t("polls.multipleHint") : poll.kind === "scale" ? t("polls.scaleHint") : null;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    // Without a live socket the form posts (the same domain function answers).
    if (!live) return;
    e.preventDefault();
    const form = e.currentTarget;
    const choices = new FormData(form)
      .getAll("choice")
      .map((v) => Number(v))
      .filter((n) => Number.isInteger(n));
    if (choices.length === 0) return setError("polls.errors.choiceRequired");
    setSending(true);
    setError(null);
    const res = await answer(poll.id, choices, idempotencyKey);
    setSending(false);
    if (!res) return form.submit(); // the socket dropped meanwhile: post instead
    if (res.ok) setJustAnswered(true);
    else setError(Object.values(ackErrors(res))[0] ?? "qa.errors.internal");
  }

  return (
    <article className="poll" aria-labelledby={`${base}-q`} data-testid={base} data-status={poll.status}>
      <div className="poll-badges">
        <span className="poll-badge">{tKey(t, `polls.status.${poll.status}`)}</span>
      </div>
      {poll.status === "open" && !mineNow ? (
        <form method="post" action={`/dialoger/${dialogueId}/omrostningar`} onSubmit={onSubmit} noValidate>
          <input type="hidden" name="pollId" value={poll.id} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <fieldset aria-describedby={[hint ? `${base}-hint` : null, error ? `${base}-error` : null].filter(Boolean).join(" ") || undefined}>
            <legend id={`${base}-q`} className="user-text">
              {question(poll)}
            </legend>
            {hint ? (
              <p id={`${base}-hint`} className="hint">
                {hint}
              </p>
            ) : null}
            {error ? (
              <p id={`${base}-error`} className="error-message" tabIndex={-1} ref={errorRef} role="alert">
                {tKey(t, error)}
              </p>
            ) : null}
            {poll.options.map((o, i) => (
              <label key={i} className="poll-option">
                <input type={multiple ? "checkbox" : "radio"} name="choice" value={i} />
                <span className="user-text">{label(poll, o)}</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={sending}>
            {sending ? t("polls.sending") : t("polls.answer")}
          </button>
        </form>
      ) : (
        <>
          <h3 id={`${base}-q`} className="user-text">
            {question(poll)}
          </h3>
          {error ? (
            <p id={`${base}-error`} className="error-message" tabIndex={-1} ref={errorRef} role="alert">
              {tKey(t, error)}
            </p>
          ) : null}
          {mineNow ? (
            <>
              {justAnswered ? (
                <p className="notice notice-success" role="status" tabIndex={-1} ref={thanksRef}>
                  {t("polls.answered")}
                </p>
              ) : null}
              <p>{t("polls.yourAnswer", { answer: mineNow.map((i) => label(poll, poll.options[i] ?? "")).join(", ") })}</p>
            </>
          ) : null}
          {poll.status === "closed" ? <p>{t("polls.closedNote")}</p> : null}
        </>
      )}
      {poll.revealed || poll.status === "closed" || mineNow ? <PollResults poll={poll} /> : null}
    </article>
  );
}
