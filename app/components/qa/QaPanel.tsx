import { Link, useFetcher, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { tKey } from "~/i18n/keys";
import type { MyQuestion, PublicQuestion, QaSnapshot } from "~/domain/questions/qa.server";
import { rankQuestions } from "~/domain/questions/ranking";
import { SubmitQuestionSchema } from "~/domain/questions/questions.schema";
import { ackErrors } from "~/http/errors";
import { issuesToErrors } from "~/http/forms";
import type { QaPrivateNotice } from "~/realtime/qa.events";
import { useQaLive, type VoteOutcome } from "~/realtime/use-qa-live";

export interface QaPanelData {
  dialogueId: number;
  snapshot: QaSnapshot;
  myVotes: number[];
  mine: MyQuestion[];
  tally: { approved: number; waiting: number; rejected: Record<string, number> };
  accepts: boolean;
  /** Rule wording as the administration has set it (by code, both languages). */
  rules: Record<string, { sv: string; en: string }>;
  idempotencyKey: string;
  operator: string;
}

/** The answer of a form post (no socket or no JavaScript): the same codes the socket acks carry. */
export type AskResult =
  | { ok: true; duplicate: boolean; questionId?: number; nextKey: string }
  | { ok: false; errors: Record<string, string>; nextKey?: string; values?: { text: string; displayName: string } };

/** A vote refused by a plain form post (no JavaScript): shown at that question. */
export type VoteRefusal = { questionId: number | null; error: string };
type VoteResult = { ok: true; questionId: number; voted: boolean; votes: number; version: number } | { ok: false; errors: Record<string, string> };

const OPEN = ["approved", "answering_now"];

/** A decision on one of my questions, sent only to my device: status and rule change in place. */
export function applyNotice(mine: MyQuestion[], n: Pick<QaPrivateNotice, "questionId" | "status" | "rule">): MyQuestion[] {
  return mine.map((m) => (m.id === n.questionId ? { ...m, status: n.status, rule: n.rule } : m));
}

export function QaPanel({
  data,
  headingLevel = 2,
  formResult,
  voteRefusal,
}: {
  data: QaPanelData;
  headingLevel?: 2 | 3;
  formResult?: AskResult | null;
  voteRefusal?: VoteRefusal | null;
}) {
  const { t, i18n } = useTranslation();
  const [announcement, setAnnouncement] = useState("");
  const [params] = useSearchParams();
  const sort = params.get("sort") === "newest" ? "newest" : "votes";
  const [mine, setMine] = useState<MyQuestion[]>(data.mine);
  useEffect(() => setMine(data.mine), [data.mine]);
  const live = useQaLive(
    data.snapshot,
    data.myVotes,
    {
      onPublished: (text, kind) => setAnnouncement(t(kind === "new" ? "qa.announceNew" : "qa.announceAnswering", { text })),
      onPrivate: (n) => setMine((prev) => applyNotice(prev, n)),
    },
    data.tally,
  );
  const tally = live.counts ?? data.tally;
  const { state, myVotes, connected, markVoted } = live;
  const onAsked = useCallback((q: MyQuestion) => setMine((prev) => [q, ...prev.filter((m) => m.id !== q.id)]), []);
  const H = headingLevel === 2 ? "h2" : "h3";
  const H2 = headingLevel === 2 ? "h3" : "h4";
  const action = `/dialoger/${data.dialogueId}/fragor`;
  const questions = Object.values(state.questions);
  const open = useMemo(
    () =>
      rankQuestions(
        questions.filter((q) => OPEN.includes(q.status) && q.id !== state.currentQuestionId),
        sort,
      ),
    [questions, sort, state.currentQuestionId],
  );
  const answered = questions.filter((q) => q.status === "answered" || q.status === "answer_in_writing");
  const current = state.currentQuestionId ? state.questions[state.currentQuestionId] : undefined;
  // The ground rules' wording has one source, the database (every rule, retired ones too, is in data.rules).
  const ruleLabel = (code: string) => data.rules[code]?.[i18n.language === "en" ? "en" : "sv"] ?? code;
  const dateFmt = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "sv-SE", { dateStyle: "medium" });

  return (
    <section aria-labelledby="qa-heading" className="qa-panel">
      <H id="qa-heading">{t("qa.title")}</H>
      <p className="muted qa-connection" aria-hidden={connected ? undefined : true}>
        {connected ? t("qa.live") : ""}
      </p>
      <div aria-live="polite" aria-atomic="true" className="visually-hidden" data-testid="qa-announcer">
        {announcement}
      </div>

      {current ? (
        <div className="now-answering">
          <H2>{t("qa.nowAnswering")}</H2>
          <p className="user-text big">{current.text}</p>
        </div>
      ) : null}

      <AskForm data={data} action={action} submissionsOpen={state.submissionsOpen} H2={H2} live={live} onAsked={onAsked} formResult={formResult ?? null} />

      <H2 id="qa-published">{t("qa.published")}</H2>
      <nav aria-label={t("qa.sortLabel")} className="sort-links">
        <span>{t("qa.sortLabel")}:</span>{" "}
        <Link to="?sort=votes" aria-current={sort === "votes" ? "true" : undefined} preventScrollReset replace>
          {t("qa.sortVotes")}
        </Link>{" "}
        <Link to="?sort=newest" aria-current={sort === "newest" ? "true" : undefined} preventScrollReset replace>
          {t("qa.sortNewest")}
        </Link>
      </nav>
      {open.length === 0 ? <p>{t("qa.none")}</p> : null}
      <ol className="question-list" aria-labelledby="qa-published">
        {open.map((q) => (
          <QuestionItem
            key={q.id}
            q={q}
            voted={myVotes.has(q.id)}
            action={action}
            dialogueId={data.dialogueId}
            onVoted={markVoted}
            live={live}
            formFailure={voteRefusal && voteRefusal.questionId === q.id ? voteRefusal.error : null}
          />
        ))}
      </ol>

      {answered.length > 0 ? (
        <>
          <H2>{t("qa.answered")}</H2>
          <ul className="question-list">
            {answered.map((q) => (
              <li key={q.id} className="question answered">
                <p className="user-text">{q.text}</p>
                {q.status === "answered" ? (
                  <div className="answer">
                    <strong>{q.answeredBy ? t("qa.answeredBy", { by: q.answeredBy }) : t("qa.answer")}</strong>
                    {q.answer ? <p className="user-text">{q.answer}</p> : null}
                  </div>
                ) : (
                  <p className="muted">{t("qa.inWriting", { date: q.writtenDueDate ? dateFmt.format(new Date(q.writtenDueDate)) : "" })}</p>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <H2>{t("qa.mine")}</H2>
      {mine.length === 0 ? <p>{t("qa.mineNone")}</p> : null}
      <ul className="my-questions">
        {mine.map((m) => (
          <li key={m.id}>
            <p className="user-text">{m.text}</p>
            <p className={`status status-${m.status}`}>
              {m.status === "rejected" && m.rule ? t("qa.ruleBroken", { rule: ruleLabel(m.rule) }) : t(`qa.status.${m.status}`)}
            </p>
            {(state.questions[m.id]?.answer ?? m.answer) ? <p className="user-text">{state.questions[m.id]?.answer ?? m.answer}</p> : null}
          </li>
        ))}
      </ul>

      <H2>{t("qa.tallyHeading")}</H2>
      <ul className="tally">
        <li>{t("qa.tallyApproved", { count: tally.approved })}</li>
        <li>{t("qa.tallyWaiting", { count: tally.waiting })}</li>
      </ul>
      {Object.keys(tally.rejected).length === 0 ? (
        <p>{t("qa.tallyNoRejected")}</p>
      ) : (
        <table className="tally-table">
          <caption>{t("qa.tallyRejected")}</caption>
          <tbody>
            {Object.entries(tally.rejected).map(([rule, n]) => (
              <tr key={rule}>
                <th scope="row">{ruleLabel(rule)}</th>
                <td>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type Live = ReturnType<typeof useQaLive>;

/**
 * Asking: over the socket with an ack when connected (validated in the browser with the
 * same schema first); otherwise the same form posts to the route action.
 */
function AskForm({
  data,
  action,
  submissionsOpen,
  H2,
  live,
  onAsked,
  formResult,
}: {
  data: QaPanelData;
  action: string;
  submissionsOpen: boolean;
  H2: "h3" | "h4";
  live: Live;
  onAsked: (q: MyQuestion) => void;
  formResult: AskResult | null;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<AskResult>();
  const [key, setKey] = useState(data.idempotencyKey);
  const [formKey, setFormKey] = useState(0);
  const [result, setResult] = useState<AskResult | null>(formResult);
  const [sending, setSending] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data) setResult(fetcher.data);
  }, [fetcher.state, fetcher.data]);
  useEffect(() => {
    if (!result) return;
    if (result.nextKey) setKey(result.nextKey);
    if (result.ok) setFormKey((k) => k + 1);
  }, [result]);
  // Focus follows the outcome: the confirmation, or the field that needs fixing; never the page.
  useEffect(() => {
    if (!result) return;
    if (result.ok) statusRef.current?.focus();
    else if (result.errors.text) textRef.current?.focus();
    else statusRef.current?.focus();
  }, [result]);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    if (!live.connected) return; // the fetcher posts the form instead
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = SubmitQuestionSchema.safeParse({
      dialogueId: data.dialogueId,
      text: form.get("text") ?? "",
      displayName: form.get("displayName") || null,
      idempotencyKey: key,
    });
    if (!parsed.success) return setResult({ ok: false, errors: issuesToErrors(parsed.error.issues) });
    setSending(true);
    const res = await live.ask({ text: parsed.data.text, displayName: parsed.data.displayName, idempotencyKey: parsed.data.idempotencyKey });
    setSending(false);
    if (!res.ok) {
      // The key stays: a retry of the same text is recognised, never stored twice.
      return setResult({ ok: false, errors: ackErrors(res) });
    }
    onAsked({
      id: res.data.questionId,
      text: parsed.data.text,
      status: res.data.status,
      rule: null,
      answer: null,
      writtenDueDate: null,
      createdAt: new Date().toISOString(),
    });
    setResult({ ok: true, duplicate: res.data.duplicate, questionId: res.data.questionId, nextKey: crypto.randomUUID() });
  };

  const errors = result && !result.ok ? result.errors : undefined;
  const canAsk = data.accepts && submissionsOpen;
  const busy = sending || fetcher.state !== "idle";
  return (
    <div className="ask">
      <H2 id="qa-ask">{t("qa.ask")}</H2>
      <div className="notice notice-info">
        <p>
          <strong>{t("qa.noticeHeading")}</strong>
        </p>
        <p>{t("qa.noticeOperator", { operator: data.operator })}</p>
        <p>{t("qa.noticePublic")}</p>
        <p>{t("qa.noticeAnonymous")}</p>
      </div>
      {!canAsk ? (
        <p className="notice notice-warning" role="status">
          {data.accepts ? t("qa.paused") : t("qa.closed")}
        </p>
      ) : (
        <>
          {result?.ok ? (
            <p className="notice notice-success" role="status" tabIndex={-1} ref={statusRef}>
              {result.duplicate ? t("qa.duplicateSubmit") : t("qa.submitted")}
            </p>
          ) : null}
          {errors?._form ? (
            <p className="error-message" role="alert" tabIndex={-1} ref={statusRef}>
              {tKey(t, errors._form)}
            </p>
          ) : null}
          <fetcher.Form method="post" action={action} key={formKey} aria-labelledby="qa-ask" noValidate onSubmit={onSubmit}>
            <input type="hidden" name="intent" value="ask" />
            <input type="hidden" name="idempotencyKey" value={key} />
            <div className={`field${errors?.text ? " field-error" : ""}`}>
              <label htmlFor="qa-text">{t("qa.questionLabel")}</label>
              {errors?.text ? (
                <p id="qa-text-error" className="error-message" role="alert">
                  {tKey(t, errors.text)}
                </p>
              ) : null}
              <textarea
                id="qa-text"
                name="text"
                rows={3}
                maxLength={500}
                required
                ref={textRef}
                defaultValue={result && !result.ok ? result.values?.text : undefined}
                aria-invalid={errors?.text ? true : undefined}
                aria-describedby={errors?.text ? "qa-text-error" : undefined}
              />
            </div>
            <div className="field">
              <label htmlFor="qa-name">{t("qa.displayNameLabel")}</label>
              <p id="qa-name-hint" className="hint">
                {t("qa.displayNameHint")}
              </p>
              <input
                id="qa-name"
                name="displayName"
                maxLength={60}
                autoComplete="off"
                aria-describedby="qa-name-hint"
                defaultValue={result && !result.ok ? result.values?.displayName : undefined}
              />
            </div>
            <button type="submit" className="primary" disabled={busy}>
              {t("qa.submit")}
            </button>
          </fetcher.Form>
        </>
      )}
    </div>
  );
}

function QuestionItem({
  q,
  voted,
  action,
  dialogueId,
  onVoted,
  live,
  formFailure = null,
}: {
  q: PublicQuestion;
  voted: boolean;
  action: string;
  dialogueId: number;
  onVoted: (questionId: number, voted: boolean, votes?: number, version?: number) => void;
  live: Live;
  formFailure?: string | null;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<VoteResult>();
  const [failure, setFailure] = useState<string | null>(formFailure);
  const pending = fetcher.formData ? fetcher.formData.get("voted") === "true" : null;
  const isVoted = pending ?? voted;
  useEffect(() => {
    const r = fetcher.data;
    if (fetcher.state !== "idle" || !r) return;
    if (r.ok) onVoted(r.questionId, r.voted, r.votes, r.version);
    else setFailure(Object.values(r.errors)[0] ?? "qa.errors.voteFailed");
  }, [fetcher.state, fetcher.data, onVoted]);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    if (!live.connected) return; // the fetcher posts the form instead
    e.preventDefault();
    setFailure(null);
    const res: VoteOutcome = await live.vote(q.id, !isVoted);
    if (!res.ok) setFailure(ackErrors(res)._form ?? "qa.errors.voteFailed");
  };
  return (
    <li className="question">
      <p className="user-text">{q.text}</p>
      <p className="muted">{q.displayName ?? t("qa.anonymous")}</p>
      <fetcher.Form method="post" action={action} className="vote-form" onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="vote" />
        <input type="hidden" name="dialogueId" value={dialogueId} />
        <input type="hidden" name="questionId" value={q.id} />
        <input type="hidden" name="voted" value={isVoted ? "false" : "true"} />
        <span className="vote-count">{t("qa.votes", { count: q.votes })}</span>{" "}
        <button type="submit" aria-pressed={isVoted}>
          <span aria-hidden="true">▲ </span>
          {isVoted ? t("qa.unvote") : t("qa.vote")}
          <span className="visually-hidden">: {q.text}</span>
        </button>
        {failure ? (
          <p className="error-message" role="alert">
            {tKey(t, failure)}
          </p>
        ) : null}
      </fetcher.Form>
    </li>
  );
}
