/** Form field schemas that every area's forms share. Browser-safe; messages are i18n keys chosen by the caller. */
import { z } from "zod";

/** Optional free text: trimmed, at most `max` characters; empty or missing is null. */
export function optionalText(max: number, tooLong: string) {
  return z
    .string()
    .nullish()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().max(max, tooLong))
    .transform((v) => (v === "" ? null : v));
}

/** An optional decimal coordinate typed into a form ("59,27" or "59.27"), within [min, max]; empty is null. */
export function optionalCoordinate(min: number, max: number, message: string) {
  return z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().replace(",", "."))
    .refine((v) => v === "" || (/^-?\d{1,3}(\.\d{1,8})?$/.test(v) && Number(v) >= min && Number(v) <= max), message)
    .transform((v) => (v === "" ? null : Number(v)));
}
