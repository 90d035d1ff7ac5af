import type { Request } from "express";
import { isLocale, serverT } from "../app/i18n/i18n";

/**
 * Minimal pages for errors that happen before Remix runs (oversized body,
 * cross-site post, crash). In the visitor's language, no stack trace.
 */
export function plainErrorPage(req: Request, kind: "tooLarge" | "forbidden" | "generic"): string {
  const match = /(?:^|;\s*)tryggve_lang=([^;]+)/.exec(req.headers.cookie ?? "");
  let locale: "sv" | "en" = "sv";
  if (match) {
    try {
      const decoded = JSON.parse(Buffer.from(decodeURIComponent(match[1]), "base64").toString("utf8")) as unknown;
      if (isLocale(decoded)) locale = decoded;
    } catch {
      // ignore a malformed cookie
    }
  }
  const t = serverT(locale);
  const title = kind === "forbidden" ? t("errors.forbiddenTitle") : t("errors.title");
  const body = kind === "tooLarge" ? t("errors.tooLarge") : kind === "forbidden" ? t("errors.forbidden") : t("errors.generic");
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} – Tryggve</title></head><body><main><h1>${title}</h1><p>${body}</p><p><a href="/">${t("errors.backHome")}</a></p></main></body></html>`;
}
