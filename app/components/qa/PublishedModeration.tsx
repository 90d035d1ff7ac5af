import { useTranslation } from "react-i18next";
import { ModForm, onListKey, type ModerationData } from "~/components/qa/ModerationQueue";

export function PublishedModeration({ data, currentId }: { data: ModerationData; currentId: number | null }) {
  const { t } = useTranslation();
  const list = data.published.filter((q) => q.status === "approved" || q.status === "answering_now");
  return (
    <>
      <h2>{t("qa.mod.publishedList", { count: list.length })}</h2>
      <datalist id="answerers">
        {data.organisations.map((o) => (
          <option key={o.id} value={o.name} />
        ))}
      </datalist>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- keyboard shortcuts for the list items */}
      <ol className="mod-queue" onKeyDown={onListKey}>
        {list.map((q) => (
          <li key={q.id}>
            {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- keyboard stop for j/k navigation */}
            <article data-qa-item tabIndex={0} aria-labelledby={`p-${q.id}-text`} className={`mod-item${q.id === currentId ? " current" : ""}`}>
              <p id={`p-${q.id}-text`} className="user-text">
                {q.id === currentId ? <strong>{t("qa.nowAnswering")}: </strong> : null}
                {q.text}
              </p>
              <p className="muted">
                #{q.id} · {t("qa.votes", { count: q.votes })}
              </p>
              <div className="mod-actions">
                {q.status === "answering_now" ? (
                  <ModForm action="stop_answering" questionId={q.id}>
                    <button type="submit">{t("qa.mod.stopAnswering")}</button>
                  </ModForm>
                ) : (
                  <ModForm action="start_answering" questionId={q.id}>
                    <button type="submit" className="primary" data-shortcut="answer-now">
                      {t("qa.mod.answerNow")}
                      <span className="visually-hidden"> #{q.id}</span>
                    </button>
                  </ModForm>
                )}
                <details>
                  <summary>{t("qa.mod.markAnswered")}</summary>
                  <ModForm action="mark_answered" questionId={q.id}>
                    <div className="field">
                      <label htmlFor={`answer-${q.id}`}>{t("qa.mod.answerText")}</label>
                      <textarea id={`answer-${q.id}`} name="answer" rows={3} maxLength={2000} />
                    </div>
                    <div className="field">
                      <label htmlFor={`by-${q.id}`}>{t("qa.mod.answeredByLabel")}</label>
                      <input id={`by-${q.id}`} name="answeredBy" list="answerers" maxLength={120} />
                    </div>
                    <button type="submit">{t("qa.mod.markAnswered")}</button>
                  </ModForm>
                </details>
                <ModForm className="inline-form" action="answer_in_writing" questionId={q.id}>
                  <label htmlFor={`due-${q.id}`}>{t("qa.mod.dueDate")}</label>
                  <input id={`due-${q.id}`} type="date" name="dueDate" defaultValue={data.defaultDueDate} />
                  <button type="submit">{t("qa.mod.inWriting")}</button>
                </ModForm>
              </div>
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}
