import type { ParseKeys, TFunction } from "i18next";
import sv from "~/i18n/sv";

/**
 * Every translation key, as i18next's types see it (app/i18n/i18next.d.ts): "walks.map.title",
 * "qa.votes" (plural forms without their _one/_other suffix), ... Use it for keys kept in
 * tables and types; a literal passed straight to t() is checked without it.
 */
export type I18nKey = ParseKeys;

function lookup(key: string): boolean {
  let node: unknown = sv;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.prototype.hasOwnProperty.call(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/**
 * The typed boundary for keys that arrive at runtime: an error code in a zod message or an
 * ack, a status or category read from the database, a key kept in data. True when the
 * Swedish source has the key (or its plural forms).
 */
export function isI18nKey(key: unknown): key is I18nKey {
  if (typeof key !== "string" || key === "") return false;
  return lookup(key) || lookup(`${key}_other`);
}

/**
 * t() for a key known only at runtime. An unknown key shows `fallback` if one is given,
 * otherwise the key itself (what i18next shows for a missing key), so a gap stays visible.
 */
export function tKey(t: TFunction, key: string | null | undefined, vars?: Record<string, unknown>, fallback?: I18nKey): string {
  if (isI18nKey(key)) return t(key, vars);
  if (fallback) return t(fallback, vars);
  return key ?? "";
}
