import { useTranslation } from "react-i18next";
import { tKey } from "~/i18n/keys";

/** The 21-day warning with its required confirmation checkbox. */
export function LateConfirm({ id, days, error }: { id: string; days: number; error?: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warning late-warning">
      <p>
        <strong>{t("dialogues.staff.lateWarningTitle")}</strong>
      </p>
      <p id={`${id}-text`}>{t("dialogues.staff.lateWarning", { days })}</p>
      {error ? (
        <p id={`${id}-error`} className="error-message">
          {tKey(t, error)}
        </p>
      ) : null}
      <div className="checkbox">
        <input
          type="checkbox"
          id={id}
          name="lateConfirm"
          aria-describedby={`${id}-text${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
        />
        <label htmlFor={id}>{t("dialogues.staff.lateConfirm")}</label>
      </div>
    </div>
  );
}
