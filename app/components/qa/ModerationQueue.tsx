import { useActionData, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { tKey } from "~/i18n/keys";
import type { Flag } from "~/domain/common/screening/prescreen";
import type { PublicQuestion, QaEvent, QueueDelta, QueueItem } from "~/domain/questions/qa.server";
import { ModerationSchema } from "~/domain/questions/questions.schema";
import { ackErrors } from "~/http/errors";
import { issuesToErrors } from "~/http/forms";
import { moderationValues, useModerationLive } from "~/components/qa/moderation-live";
import { CsrfInput } from "~/components/forms";
import { highlightSegments } from "~/components/qa/highlight";

export interface ModerationData {
  queue: QueueItem[];
  published: PublicQuestion[];
  rules: Array<{ code: string; sv: string; en: string }>;
  panelists: Array<{ id: number; name: string; organisation: string | null }>;
  organisations: Array<{ id: number; name: string }>;
  defaultDueDate: string;
  meId: number;
}

/** A moderation form post's answer (socket down or no JavaScript). */
export type ModerationResult =
  | { ok: true; intent: string; queue?: QueueDelta; events?: QaEvent[] }
  | { ok: false; intent: string; errors: Record<string, string>; target?: { action: string; questionId: number } };

/**
 * One moderation control. With the socket up it sends `qa:moderate` (validated in the
 * browser with the same schema first) and shows the server's answer; otherwise the
 * same form posts to the route action.
 */
export function ModForm({
  children,
  label,
  className,
  onDone,
  action,
  questionId,
}: {
  children: ReactNode;
  label?: string;
  className?: string;
  onDone?: () => void;
  action?: string;
  questionId?: number;
}) {
  const fetcher = useFetcher<ModerationResult>();
  // Without JavaScript the page renders again with the post's answer: a refusal belongs to the control it names.
  const page = useActionData<ModerationResult>();
  const pageError =
    page && !page.ok && page.target && page.target.action === action && page.target.questionId === questionId ? Object.values(page.errors)[0] : null;
  const live = useModerationLive();
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    const r = fetcher.data;
    if (fetcher.state !== "idle" || !r) return;
    if (r.ok) {
      live?.applyFallback(r);
      onDone?.();
      setError(null);
    } else setError(Object.values(r.errors)[0] ?? "qa.errors.invalidState");
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new answer from the post matters
  }, [fetcher.state, fetcher.data]);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    if (!live?.connected || !action) return; // the fetcher posts the form instead
    e.preventDefault();
    const parsed = ModerationSchema.safeParse(moderationValues(new FormData(e.currentTarget), live.dialogueId));
    if (!parsed.success) return setError(Object.values(issuesToErrors(parsed.error.issues))[0] ?? "errors.malformedForm");
    setSending(true);
    const res = await live.moderate(parsed.data);
    setSending(false);
    if (!res.ok) return setError(Object.values(ackErrors(res))[0] ?? "qa.errors.invalidState");
    setError(null);
    onDone?.();
  };
  return (
    <fetcher.Form method="post" className={className} aria-label={label} onSubmit={onSubmit} aria-busy={sending || fetcher.state !== "idle" ? true : undefined}>
      <CsrfInput />
      {action && questionId !== undefined ? (
        <>
          <input type="hidden" name="intent" value="moderate" />
          <input type="hidden" name="action" value={action} />
          <input type="hidden" name="questionId" value={questionId} />
        </>
      ) : null}
      {children}
      {(error ?? pageError) ? (
        <p className="error-message" role="alert">
          {tKey(t, error ?? pageError)}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

function FlagList({ flags }: { flags: Flag[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <ul className="flags" aria-label={t("qa.mod.flags")}>
      {flags.map((f, i) => (
        <li key={i} className={`flag flag-${f.kind}`}>
          {f.kind === "duplicate" ? t("qa.mod.flag.duplicate", { id: f.duplicateOfId }) : t(`qa.mod.flag.${f.kind}`)}
          {f.kind !== "duplicate" && f.kind !== "shouting" ? <>: “{f.match}”</> : null}
        </li>
      ))}
    </ul>
  );
}

const SHORTCUT_TARGET: Record<string, string> = { a: "approve", e: "edit", r: "reject", m: "merge", p: "escalate", n: "answer-now" };

/** j/k move between items; letters trigger that item's action (only when focus is not in a field). */
export function onListKey(e: KeyboardEvent<HTMLElement>) {
  const el = e.target as HTMLElement;
  if (["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || e.altKey || e.ctrlKey || e.metaKey) return;
  const item = el.closest<HTMLElement>("[data-qa-item]");
  if (!item) return;
  const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>("[data-qa-item]"));
  const index = items.indexOf(item);
  if (e.key === "j" || e.key === "k") {
    e.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, index + (e.key === "j" ? 1 : -1)))]?.focus();
    return;
  }
  const target = SHORTCUT_TARGET[e.key];
  if (!target) return;
  const control = item.querySelector<HTMLElement>(`[data-shortcut="${target}"]`);
  if (!control) return;
  e.preventDefault();
  if (control instanceof HTMLButtonElement) control.click();
  else {
    const details = control.closest("details");
    if (details) details.open = true;
    control.focus();
  }
}

export function ModerationQueue({ data, lang }: { data: ModerationData; lang: "sv" | "en" }) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);
  const lastIndex = useRef<number | null>(null);
  const claim = useFetcher();
  const ids = data.queue.map((q) => q.id).join(",");
  // Keyboard users keep their place: after an item leaves the queue, focus the one that took its place.
  useEffect(() => {
    if (lastIndex.current === null) return;
    const items = listRef.current?.querySelectorAll<HTMLElement>("[data-qa-item]");
    const target = items && items.length ? items[Math.min(lastIndex.current, items.length - 1)] : document.getElementById("queue-heading");
    target?.focus();
    lastIndex.current = null;
  }, [ids]);

  const live = useModerationLive();
  const claimOnFocus = (q: QueueItem) => {
    if (claim.state !== "idle" || (q.claimedBy && q.claimedBy.id === data.meId)) return;
    if (q.claimedBy) return;
    if (live?.connected) return void live.claim(q.id);
    claim.submit(
      { intent: "claim", questionId: String(q.id), _csrf: document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? "" },
      { method: "post" },
    );
  };

  return (
    <>
      <h2 id="queue-heading" tabIndex={-1}>
        {t("qa.mod.queue", { count: data.queue.length })}
      </h2>
      <details className="shortcuts">
        <summary>{t("qa.mod.shortcuts")}</summary>
        <p>{t("qa.mod.shortcutList")}</p>
      </details>
      {data.queue.length === 0 ? <p>{t("qa.mod.queueEmpty")}</p> : null}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- keyboard shortcuts for the list items */}
      <ol className="mod-queue" ref={listRef} onKeyDown={onListKey}>
        {data.queue.map((q, index) => {
          const claimedByOther = q.claimedBy && q.claimedBy.id !== data.meId;
          const done = () => (lastIndex.current = index);
          return (
            <li key={q.id}>
              <article
                data-qa-item
                // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- the item is a keyboard stop for j/k navigation
                tabIndex={0}
                aria-labelledby={`q-${q.id}-text`}
                className={`mod-item${claimedByOther ? " claimed" : ""}`}
                onFocus={(e) => e.target === e.currentTarget && claimOnFocus(q)}
              >
                <p id={`q-${q.id}-text`} className="user-text">
                  <span className="visually-hidden">#{q.id}: </span>
                  {highlightSegments(q.text, q.flags).map((s, i) => (s.flagged ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
                </p>
                <p className="muted">
                  #{q.id} · {q.displayName ?? t("qa.anonymous")}
                  {q.escalated ? (
                    <>
                      {" "}
                      · <strong>{t("qa.mod.escalated")}</strong>
                    </>
                  ) : null}
                </p>
                {claimedByOther ? (
                  <p className="notice notice-warning" role="status">
                    {t("qa.mod.claimedBy", { name: q.claimedBy!.name })}
                  </p>
                ) : null}
                <FlagList flags={q.flags} />
                <div className="mod-actions">
                  <ModForm onDone={done} action="approve" questionId={q.id}>
                    <button type="submit" className="primary" data-shortcut="approve">
                      {t("qa.mod.approve")}
                      <span className="visually-hidden"> #{q.id}</span>
                    </button>
                  </ModForm>
                  <ModForm className="inline-form" onDone={done} action="reject" questionId={q.id}>
                    <label htmlFor={`rule-${q.id}`}>{t("qa.mod.rule")}</label>
                    <select id={`rule-${q.id}`} name="rule" data-shortcut="reject" defaultValue="">
                      <option value="" disabled>
                        {t("qa.mod.rule")}
                      </option>
                      {data.rules.map((r) => (
                        <option key={r.code} value={r.code}>
                          {r[lang]}
                        </option>
                      ))}
                    </select>
                    <button type="submit">
                      {t("qa.mod.reject")}
                      <span className="visually-hidden"> #{q.id}</span>
                    </button>
                  </ModForm>
                  <details>
                    <summary>{t("qa.mod.edit")}</summary>
                    <ModForm onDone={done} action="edit_and_approve" questionId={q.id}>
                      <div className="field">
                        <label htmlFor={`edit-${q.id}`}>{t("qa.mod.editText")}</label>
                        <textarea id={`edit-${q.id}`} name="text" defaultValue={q.text} maxLength={500} rows={3} data-shortcut="edit" />
                      </div>
                      <div className="field">
                        <label htmlFor={`reason-${q.id}`}>{t("qa.mod.editReason")}</label>
                        <input id={`reason-${q.id}`} name="reason" maxLength={500} />
                      </div>
                      <button type="submit">{t("qa.mod.edit")}</button>
                    </ModForm>
                  </details>
                  {data.published.length > 0 ? (
                    <ModForm className="inline-form" onDone={done} action="merge" questionId={q.id}>
                      <label htmlFor={`merge-${q.id}`}>{t("qa.mod.mergeInto")}</label>
                      <select id={`merge-${q.id}`} name="intoQuestionId" data-shortcut="merge">
                        {data.published.map((p) => (
                          <option key={p.id} value={p.id}>
                            #{p.id} {p.text.slice(0, 60)}
                          </option>
                        ))}
                      </select>
                      <button type="submit">{t("qa.mod.merge")}</button>
                    </ModForm>
                  ) : null}
                  <details>
                    <summary>{t("qa.mod.escalate")}</summary>
                    <ModForm action="escalate" questionId={q.id}>
                      <div className="field">
                        <label htmlFor={`note-${q.id}`}>{t("qa.mod.escalateNote")}</label>
                        <textarea id={`note-${q.id}`} name="note" rows={2} maxLength={1000} data-shortcut="escalate" />
                      </div>
                      <button type="submit">{t("qa.mod.escalate")}</button>
                    </ModForm>
                  </details>
                  <AssignForm q={q} data={data} />
                </div>
              </article>
            </li>
          );
        })}
      </ol>
    </>
  );
}

function AssignForm({ q, data }: { q: QueueItem; data: ModerationData }) {
  const { t } = useTranslation();
  return (
    <ModForm className="inline-form" action="assign" questionId={q.id}>
      <label htmlFor={`assign-${q.id}`}>{t("qa.mod.assignTo")}</label>
      <select id={`assign-${q.id}`} name="assignee" defaultValue="">
        <option value="" disabled>
          {t("qa.mod.assignNone")}
        </option>
        {data.panelists.map((p) => (
          <option key={`p${p.id}`} value={`panelist:${p.id}`}>
            {p.name}
            {p.organisation ? ` (${p.organisation})` : ""}
          </option>
        ))}
        {data.organisations.map((o) => (
          <option key={`o${o.id}`} value={`organisation:${o.id}`}>
            {o.name}
          </option>
        ))}
      </select>
      <button type="submit">{t("qa.mod.assign")}</button>
    </ModForm>
  );
}
