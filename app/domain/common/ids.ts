/**
 * Ids as every area reads them from addresses, form fields and socket payloads.
 * Browser-safe. An id is a positive integer; in a URL or a form it is 1 to 9
 * decimal digits, so "1e3", " 12abc" or a 20-digit number never reaches a query.
 */
import { z } from "zod";

const ID_DIGITS = /^\d{1,9}$/;

/** The id a URL segment, query parameter or form value names, or null when it names none. */
export function parseId(value: unknown): number | null {
  if (typeof value !== "string" || !ID_DIGITS.test(value)) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}

/** A form field that must hold an id; `message` is the i18n key shown when it does not. */
export function idField(message: string) {
  return z
    .string({ error: message })
    .trim()
    .regex(ID_DIGITS, message)
    .transform(Number)
    .refine((id) => id > 0, message);
}

/** A form field that may hold an id: empty or missing is null. */
export function optionalIdField(message: string) {
  return z
    .string({ error: message })
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || parseId(v) !== null, message)
    .transform((v) => (v === "" ? null : Number(v)));
}

/**
 * A positive integer id, as a JSON number (socket payloads) or as the decimal
 * string a form posts. Not `z.coerce`, which would turn `true` into 1 and `""` into 0.
 */
export function anyId(message = "errors.malformedForm") {
  return z
    .union(
      [
        z.number(),
        z
          .string()
          .trim()
          .regex(/^\d{1,15}$/, message)
          .transform(Number),
      ],
      { error: message },
    )
    .pipe(z.number().int(message).positive(message).max(Number.MAX_SAFE_INTEGER, message));
}

/** The id schema of socket events and forms alike. */
export const idSchema = anyId();
