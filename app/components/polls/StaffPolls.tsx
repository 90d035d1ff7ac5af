/**
 * The moderators' poll controls: prepare a poll, open, close, reveal or hide it, delete a draft.
 * Every control is a form post to the staff poll page (a fetcher with JavaScript), which calls
 * the same domain functions as `poll:control` and publishes live; results arrive over the socket.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, Notice, SelectField, TextAreaField, TextField } from "~/components/forms";
import { PollResults, usePollQuestion } from "~/components/polls/PollResults";
import { POLL_KINDS, type PublicPoll } from "~/domain/polls/polls.schema";
import type { StaffPollFormResult } from "~/http/polls.server";
import { tKey } from "~/i18n/keys";

const CONTROLS: Record<PublicPoll["status"], Array<"open" | "close" | "reveal" | "hide" | "delete">> = {
  draft: ["open", "delete"],
  open: ["close", "reveal", "hide"],
  closed: ["reveal", "hide"],
};

export function CreatePollForm({ result }: { result: StaffPollFormResult | null }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<StaffPollFormResult>();
  const answer = fetcher.data ?? result;
  const errors = answer && !answer.ok && answer.intent === "create" ? answer.errors : null;
  const values = answer && !answer.ok ? (answer.values ?? {}) : {};
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) formRef.current?.reset();
  }, [fetcher.state, fetcher.data]);
  return (
    <section aria-labelledby="create-poll">
      <h2 id="create-poll">{t("polls.staff.create")}</h2>
      <ErrorSummary errors={errors} />
      {answer?.ok && answer.intent === "create" ? <Notice kind="success">{t("polls.staff.created")}</Notice> : null}
      <fetcher.Form method="post" ref={formRef} noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <SelectField name="kind" label={t("polls.staff.kind")} value={values.kind ?? "single"} error={errors?.kind}>
          {POLL_KINDS.map((k) => (
            <option key={k} value={k}>
              {tKey(t, `polls.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          name="question"
          label={t("polls.staff.question")}
          hint={t("polls.staff.questionHint")}
          defaultValue={values.question ?? ""}
          error={errors?.question}
          maxLength={300}
        />
        <TextAreaField
          name="options"
          label={t("polls.staff.options")}
          hint={t("polls.staff.optionsHint")}
          defaultValue={values.options ?? ""}
          error={errors?.options}
          rows={4}
        />
        <button type="submit">{t("polls.staff.submit")}</button>
      </fetcher.Form>
    </section>
  );
}

export function StaffPollList({ polls, result }: { polls: PublicPoll[]; result: StaffPollFormResult | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="poll-list">
      <h2 id="poll-list">{t("polls.staff.heading")}</h2>
      {polls.length === 0 ? <p>{t("polls.staff.none")}</p> : null}
      {polls.map((p) => (
        <StaffPoll key={p.id} poll={p} result={result && result.pollId === p.id ? result : null} />
      ))}
    </section>
  );
}

function StaffPoll({ poll, result }: { poll: PublicPoll; result: StaffPollFormResult | null }) {
  const { t } = useTranslation();
  const question = usePollQuestion();
  const fetcher = useFetcher<StaffPollFormResult>();
  const answer = fetcher.data ?? result;
  const error = answer && !answer.ok ? Object.values(answer.errors)[0] : null;
  const base = `staff-poll-${poll.id}`;
  return (
    <article className="poll" aria-labelledby={`${base}-q`} data-testid={base} data-status={poll.status}>
      <h3 id={`${base}-q`} className="user-text">
        {question(poll)}
      </h3>
      <div className="poll-badges">
        <span className="poll-badge">{tKey(t, `polls.kinds.${poll.kind}`)}</span>
        <span className="poll-badge">{tKey(t, `polls.status.${poll.status}`)}</span>
        {poll.revealed ? <span className="poll-badge">{t("polls.revealedBadge")}</span> : null}
      </div>
      {poll.results ? <p role="status">{t("polls.staff.answers", { count: poll.results.total })}</p> : null}
      {error ? (
        <p className="error-message" role="alert" id={`${base}-error`}>
          {tKey(t, error)}
        </p>
      ) : null}
      <div className="poll-controls">
        {CONTROLS[poll.status]
          .filter((a) => (a === "reveal" ? !poll.revealed : a === "hide" ? poll.revealed : true))
          .map((action) => (
            <fetcher.Form method="post" key={action}>
              <CsrfInput />
              <input type="hidden" name="intent" value="control" />
              <input type="hidden" name="pollId" value={poll.id} />
              <input type="hidden" name="action" value={action} />
              <button type="submit" className={action === "delete" ? "secondary" : undefined} disabled={fetcher.state !== "idle"}>
                {tKey(t, `polls.staff.${action}`)}
              </button>
            </fetcher.Form>
          ))}
      </div>
      {poll.status !== "draft" ? <PollResults poll={poll} /> : null}
    </article>
  );
}
