import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextAreaField, TextField } from "~/components/forms";
import { LIMITS } from "~/domain/dialogues/dialogue.schema";
import { formatDay } from "~/domain/common/format";
import { tKey } from "~/i18n/keys";

interface Props {
  format: "in_person" | "digital" | "hybrid";
  full: boolean;
  deleteAfter: string;
  values: Record<string, string>;
  errors: Record<string, string> | null;
}

export function RegistrationForm({ format, full, deleteAfter, values, errors }: Props) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const e = errors ?? {};
  const [wantsUpdates, setWantsUpdates] = useState(values.wantsUpdates === "on");
  const modes = (["in_person", "remote"] as const).filter((m) => (m === "in_person" ? format !== "digital" : format !== "in_person"));
  const defaultMode = values.mode ?? (modes.length === 1 ? modes[0] : "");
  return (
    <Form method="post" noValidate className="registration-form">
      <ErrorSummary errors={errors} />
      <fieldset aria-describedby={e.mode ? "mode-error" : undefined}>
        <legend>{t("dialogues.register.modeLegend")}</legend>
        {e.mode ? (
          <p id="mode-error" className="error-message">
            {tKey(t, e.mode)}
          </p>
        ) : null}
        {modes.map((m) => (
          <div className="radio" key={m}>
            <input type="radio" id={m === "in_person" ? "mode" : "mode-remote"} name="mode" value={m} defaultChecked={defaultMode === m} />
            <label htmlFor={m === "in_person" ? "mode" : "mode-remote"}>
              {m === "in_person" ? t("dialogues.register.modeInPerson") : t("dialogues.register.modeRemote")}
            </label>
          </div>
        ))}
        {format !== "digital" && (full || e.mode === "dialogues.errors.full") ? (
          <div className="checkbox">
            <input type="checkbox" id="acceptWaitlist" name="acceptWaitlist" defaultChecked={values.acceptWaitlist === "on"} />
            <label htmlFor="acceptWaitlist">{t("dialogues.register.acceptWaitlist")}</label>
          </div>
        ) : null}
      </fieldset>
      <div className="checkbox">
        <input type="checkbox" id="wantsUpdates" name="wantsUpdates" checked={wantsUpdates} onChange={(ev) => setWantsUpdates(ev.target.checked)} />
        <label htmlFor="wantsUpdates">{t("dialogues.register.wantsUpdates")}</label>
      </div>
      {/* Without JavaScript the contact fields are always shown; the server ignores them unless the box is ticked. */}
      <div className="contact-fields" data-open={wantsUpdates ? "true" : "false"}>
        <TextField name="name" label={t("dialogues.register.name")} error={e.name} defaultValue={values.name} maxLength={LIMITS.name} autoComplete="name" />
        <TextField
          name="email"
          label={t("dialogues.register.email")}
          error={e.email}
          defaultValue={values.email}
          type="email"
          maxLength={LIMITS.email}
          autoComplete="email"
          hint={t("dialogues.register.deletion", { date: formatDay(deleteAfter, i18n.language) })}
        />
      </div>
      <TextAreaField
        name="accessibilityNeeds"
        label={t("dialogues.register.needs")}
        hint={t("dialogues.register.needsHint")}
        error={e.accessibilityNeeds}
        defaultValue={values.accessibilityNeeds}
        rows={3}
        maxLength={LIMITS.needs}
      />
      <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
        {t("dialogues.register.submit")}
      </button>
    </Form>
  );
}
