/**
 * The shape of a refused domain operation. Every domain service answers
 * `{ ok: true, ... }` or `{ ok: false, error: Code, field? }` with `Code` a closed
 * union of its own; ~/http/errors.ts maps each code to an i18n key (forms and
 * toasts) and to a protocol ErrorCode (socket acks).
 */
export type Refusal<Code extends string> = { ok: false; error: Code; field?: string };

/** Field errors are i18n keys by field name; `_form` holds a form-level message. */
export type FieldErrors = Record<string, string>;
