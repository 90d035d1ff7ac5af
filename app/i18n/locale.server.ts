import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/i18n";

export const localeCookie = createCookie("tryggve_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 3600,
});

/**
 * Swedish unless the visitor chose English (?lng= or the language switch).
 * We do not follow Accept-Language: the service is Swedish-first by design.
 */
export async function getLocale(request: Request): Promise<Locale> {
  const param = new URL(request.url).searchParams.get("lng");
  if (isLocale(param)) return param;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}
