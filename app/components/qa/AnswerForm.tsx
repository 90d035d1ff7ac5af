import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { tKey } from "~/i18n/keys";
import { ANSWER_MAX_LENGTH } from "~/domain/questions/questions.schema";
import { CsrfInput } from "~/components/forms";

/** A written answer to one question (written-answers list and panelists' list). */
export function AnswerForm({
  questionId,
  hidden = {},
  withAnsweredBy = false,
}: {
  questionId: number;
  hidden?: Record<string, string | number>;
  withAnsweredBy?: boolean;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ ok: boolean; errors?: Record<string, string> | null }>();
  const errors = fetcher.data && !fetcher.data.ok ? fetcher.data.errors : undefined;
  const id = questionId;
  return (
    <fetcher.Form method="post">
      <CsrfInput />
      <input type="hidden" name="questionId" value={id} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className={`field${errors?.answer ? " field-error" : ""}`}>
        <label htmlFor={`answer-${id}`}>{t("qa.answer")}</label>
        {errors?.answer ? (
          <p className="error-message" id={`answer-${id}-error`}>
            {tKey(t, errors.answer)}
          </p>
        ) : null}
        <textarea
          id={`answer-${id}`}
          name="answer"
          rows={4}
          maxLength={ANSWER_MAX_LENGTH}
          aria-describedby={errors?.answer ? `answer-${id}-error` : undefined}
        />
      </div>
      {withAnsweredBy ? (
        <div className="field">
          <label htmlFor={`by-${id}`}>{t("qa.mod.answeredByLabel")}</label>
          <input id={`by-${id}`} name="answeredBy" maxLength={120} />
        </div>
      ) : null}
      {errors?._form ? (
        <p className="error-message" role="alert">
          {tKey(t, errors._form)}
        </p>
      ) : null}
      <button type="submit" className="primary">
        {t("qa.mod.publishAnswer")}
      </button>
    </fetcher.Form>
  );
}
