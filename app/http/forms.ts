import type { z } from "zod";

import type { FieldErrors } from "~/domain/common/errors";

export type { FieldErrors };

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v === "string" && !k.startsWith("_")) values[k] = v;
  }
  return values;
}

/** Fields whose values never go back to the page: a form shown again with errors must not carry a password or token into the HTML. */
const SECRET_FIELD = /password|secret|token|_csrf/i;

/** `values` without its secret fields, for echoing a form back to the page. */
export function withoutSecrets(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !SECRET_FIELD.test(name)));
}

/** Zod issues as field errors (i18n keys by field; `_form` for the whole payload). Used by forms and socket payloads alike. */
export function issuesToErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.infer<S>> {
  const values = formValues(form);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: issuesToErrors(parsed.error.issues), values: withoutSecrets(values) };
}
