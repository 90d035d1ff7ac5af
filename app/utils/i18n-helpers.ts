import type { TFunction } from "i18next";
import { createI18n, DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/i18n";
import type { I18nKey } from "~/i18n/keys";

// Immutable translators, one per locale: safe to share (no request state).
const cache = new Map<Locale, TFunction>();
export function tFor(locale: Locale): TFunction {
  let t = cache.get(locale);
  if (!t) {
    t = createI18n(locale).t;
    cache.set(locale, t);
  }
  return t;
}

interface MatchLike {
  id: string;
  data?: unknown;
}

/** Locale from the root loader, for meta functions (which cannot use hooks). */
export function localeFromMatches(matches: ReadonlyArray<MatchLike>): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

export function titleFor(matches: ReadonlyArray<MatchLike>, key: I18nKey, vars?: Record<string, string>) {
  const t = tFor(localeFromMatches(matches));
  return [{ title: `${t(key, vars)} – Tryggve` }];
}
