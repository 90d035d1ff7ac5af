import i18next, { type i18n } from "i18next";
import en from "~/i18n/en";
import sv from "~/i18n/sv";

export const LOCALES = ["sv", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "sv";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

export const resources = { sv: { translation: sv }, en: { translation: en } } as const;

/** A per-request (server) or per-locale (browser) instance; resources are bundled, so init is synchronous. */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    initImmediate: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/** Translator for server code (emails, headers) outside React. */
export function serverT(locale: Locale) {
  return createI18n(locale).t;
}
