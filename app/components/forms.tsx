import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/utils/root-data";
import { tKey } from "~/i18n/keys";

/** Hidden CSRF token for every staff form. */
export function CsrfInput() {
  const data = useRootData();
  return <input type="hidden" name="_csrf" value={data?.staff?.csrfToken ?? ""} />;
}

interface FieldProps {
  name: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
}

function describedBy(name: string, error?: string, hint?: ReactNode) {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** Label, hint and error around one control, wired with aria-describedby and aria-invalid. */
export function Field({
  name,
  label,
  error,
  hint,
  children,
}: FieldProps & { children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " field-error" : ""}`}>
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="error-message">
          {tKey(t, error)}
        </p>
      ) : null}
      {children({ id: name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(name, error, hint) })}
    </div>
  );
}

export function TextField({ name, label, error, hint, ...rest }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field name={name} label={label} error={error} hint={hint}>
      {(aria) => <input name={name} {...aria} {...rest} />}
    </Field>
  );
}

export function SelectField({ name, label, error, hint, value, children }: FieldProps & { value?: string; children: ReactNode }) {
  return (
    <Field name={name} label={label} error={error} hint={hint}>
      {(aria) => (
        <select name={name} defaultValue={value ?? ""} {...aria}>
          {children}
        </select>
      )}
    </Field>
  );
}

export function TextAreaField({ name, label, error, hint, ...rest }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field name={name} label={label} error={error} hint={hint}>
      {(aria) => <textarea name={name} {...aria} {...rest} />}
    </Field>
  );
}

/** Announced and focused when a submitted form comes back with errors. */
/** `targets` names the element a field's link goes to when it is not the field's own id (a fieldset, a status line). */
export function ErrorSummary({ errors, targets = {} }: { errors?: Record<string, string> | null; targets?: Record<string, string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const count = errors ? Object.keys(errors).length : 0;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count, errors]);
  if (!errors || count === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p>{t("errors.formHasErrors")}</p>
      <ul>
        {Object.entries(errors).map(([field, key]) => (
          <li key={field}>{field === "_form" ? tKey(t, key) : <a href={`#${targets[field] ?? field}`}>{tKey(t, key)}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ children, kind = "info" }: { children: ReactNode; kind?: "info" | "success" | "warning" }) {
  return (
    <div className={`notice notice-${kind}`} role="status">
      {children}
    </div>
  );
}
