/** Follow-up walks: the participants' "is this fixed?" list and the staff's answers-and-decision table. */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CheckAnswer } from "~/domain/measures/checks.schema";
import type { MeasureStatus } from "~/domain/measures/status";
import { CsrfInput } from "~/components/forms";
import { StatusBadge } from "~/components/measures/MeasureBits";
import { tKey } from "~/i18n/keys";

const ANSWERS: readonly CheckAnswer[] = ["yes", "no", "partly"];

export interface RevisitItem {
  id: number;
  title: string;
  status: MeasureStatus;
  organisationName: string;
  address: string | null;
  alongRoute: boolean;
}

/**
 * For participants: each open measure as a list item with its own small form
 * (radio group + optional comment). No map needed; every control is labelled.
 */
export function RevisitList({
  items,
  mine,
  canAnswer,
  failed,
}: {
  items: RevisitItem[];
  mine: Record<string, CheckAnswer>;
  canAnswer: boolean;
  failed: { measureId: number | null; errors: Record<string, string> } | null;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <p>{t("measures.checks.none")}</p>;
  return (
    <ul className="revisit-list">
      {items.map((m) => {
        const mineAnswer = mine[String(m.id)];
        const errors = failed && failed.measureId === m.id ? failed.errors : {};
        const base = `check-${m.id}`;
        return (
          <li key={m.id} id={`atgard-${m.id}`}>
            <h3>
              <Link to={`/atgarder/${m.id}`}>{m.title}</Link>
            </h3>
            <p>
              <StatusBadge status={m.status} /> · {t("measures.checks.responsible", { organisation: m.organisationName })}
              {m.address ? ` · ${m.address}` : ""} · {t(m.alongRoute ? "measures.checks.alongRoute" : "measures.checks.elsewhere")}
            </p>
            {mineAnswer ? (
              <p>
                <strong>{t("measures.checks.yourAnswer", { answer: t(`measures.checks.answer.${mineAnswer}`) })}</strong>
              </p>
            ) : canAnswer ? (
              <Form method="post" noValidate preventScrollReset>
                <input type="hidden" name="intent" value="measureCheck" />
                <input type="hidden" name="measureId" value={m.id} />
                {errors._form ? (
                  <p className="error-message" role="alert">
                    {tKey(t, errors._form)}
                  </p>
                ) : null}
                <fieldset aria-describedby={errors.answer ? `${base}-answer-error` : undefined}>
                  <legend>{t("measures.checks.questionFor", { title: m.title })}</legend>
                  {errors.answer ? (
                    <p id={`${base}-answer-error`} className="error-message">
                      {tKey(t, errors.answer)}
                    </p>
                  ) : null}
                  {ANSWERS.map((a) => (
                    <div className="radio" key={a}>
                      <input type="radio" id={`${base}-${a}`} name="answer" value={a} />
                      <label htmlFor={`${base}-${a}`}>{t(`measures.checks.answer.${a}`)}</label>
                    </div>
                  ))}
                </fieldset>
                <div className={`field${errors.comment ? " field-error" : ""}`}>
                  <label htmlFor={`${base}-comment`}>{t("measures.checks.comment")}</label>
                  <p id={`${base}-comment-hint`} className="hint">
                    {t("measures.checks.commentHint")}
                  </p>
                  {errors.comment ? (
                    <p id={`${base}-comment-error`} className="error-message">
                      {tKey(t, errors.comment)}
                    </p>
                  ) : null}
                  <textarea
                    id={`${base}-comment`}
                    name="comment"
                    rows={2}
                    aria-invalid={errors.comment ? true : undefined}
                    aria-describedby={[`${base}-comment-hint`, errors.comment ? `${base}-comment-error` : null].filter(Boolean).join(" ")}
                  />
                </div>
                <button type="submit">{t("measures.checks.submit")}</button>
              </Form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export interface StaffFollowUpItem extends RevisitItem {
  checks: {
    counts: Record<CheckAnswer, number>;
    comments: Array<{ answer: CheckAnswer; comment: string; at: string }>;
    unhandled: number;
    handled: { action: "verify" | "reopen"; at: string } | null;
  } | null;
  canVerify: boolean;
  canReopen: boolean;
}

/** For staff: the measures, the walk's answers and, where there are answers, the verify / reopen forms. */
export function StaffFollowUp({ items, failed }: { items: StaffFollowUpItem[]; failed: { measureId: number | null; errors: Record<string, string> } | null }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p>{t("measures.checks.none")}</p>;
  return (
    <div className="table-wrap">
      <table className="measure-table">
        <caption>{t("measures.checks.staffCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("measures.fields.title")}</th>
            <th scope="col">{t("measures.fields.status")}</th>
            <th scope="col">{t("measures.checks.where")}</th>
            <th scope="col">{t("measures.checks.answers")}</th>
            <th scope="col">{t("measures.checks.decision")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => {
            const errors = failed && failed.measureId === m.id ? failed.errors : {};
            const base = `resolve-${m.id}`;
            return (
              <tr key={m.id} id={`uppfoljning-${m.id}`}>
                <td>
                  <Link to={`/personal/atgarder/${m.id}`}>{m.title}</Link>
                  <br />
                  {m.organisationName}
                </td>
                <td>
                  <StatusBadge status={m.status} />
                </td>
                <td>
                  {m.address ?? "–"}
                  <br />
                  {t(m.alongRoute ? "measures.checks.alongRoute" : "measures.checks.elsewhere")}
                </td>
                <td>
                  {m.checks ? (
                    <>
                      {t("measures.checks.answerCounts", m.checks.counts)}
                      {m.checks.comments.length ? (
                        <ul>
                          {m.checks.comments.map((c, i) => (
                            <li key={i} className="user-text">
                              {t(`measures.checks.answer.${c.answer}`)}: {c.comment}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </>
                  ) : (
                    t("measures.checks.noAnswers")
                  )}
                </td>
                <td>
                  {m.checks?.handled ? (
                    <p>
                      {t(`measures.checks.handled.${m.checks.handled.action}`)}
                      {m.checks.handled && m.checks.unhandled ? ` · ${t("measures.checks.newSince", { count: m.checks.unhandled })}` : ""}
                    </p>
                  ) : null}
                  {errors._form ? (
                    <p className="error-message" role="alert">
                      {tKey(t, errors._form)}
                    </p>
                  ) : null}
                  {m.checks && m.canVerify ? (
                    <Form method="post" noValidate>
                      <CsrfInput />
                      <input type="hidden" name="intent" value="resolveCheck" />
                      <input type="hidden" name="measureId" value={m.id} />
                      <input type="hidden" name="resolution" value="verify" />
                      <label htmlFor={`${base}-verify`}>{t("measures.checks.verifyComment")}</label>
                      <textarea id={`${base}-verify`} name="comment" rows={2} />
                      <button type="submit" className="primary">
                        {t("measures.checks.verify")}
                      </button>
                    </Form>
                  ) : null}
                  {m.checks && m.canReopen ? (
                    <Form method="post" noValidate>
                      <CsrfInput />
                      <input type="hidden" name="intent" value="resolveCheck" />
                      <input type="hidden" name="measureId" value={m.id} />
                      <input type="hidden" name="resolution" value="reopen" />
                      <label htmlFor={`${base}-reopen`}>{t("measures.checks.reopenComment")}</label>
                      {errors.comment ? (
                        <p id={`${base}-reopen-error`} className="error-message">
                          {tKey(t, errors.comment)}
                        </p>
                      ) : null}
                      <textarea
                        id={`${base}-reopen`}
                        name="comment"
                        rows={2}
                        aria-invalid={errors.comment ? true : undefined}
                        aria-describedby={errors.comment ? `${base}-reopen-error` : undefined}
                      />
                      <button type="submit">{t("measures.checks.reopen")}</button>
                    </Form>
                  ) : null}
                  {m.checks && !m.canVerify && !m.canReopen && !m.checks.handled ? <p className="hint">{t("measures.checks.notDone")}</p> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
