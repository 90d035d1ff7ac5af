/** Small helpers shared by the dialogue routes. */
import type { AppLoadContext } from "@remix-run/node";
import { deliverPending } from "~/domain/email/outbox.server";
import { publicBaseUrl } from "~/domain/dialogues/ical.server";

import { idParam as idParamOf, notFound as notFoundOf } from "~/http/not-found.server";

/** @deprecated A dialogue's 404s; use idParam("dialogue", …) from ~/http/not-found.server (kept for dialoger.$id.delta.tsx). */
export function idParam(value: string | undefined): number {
  return idParamOf("dialogue", value);
}

/** @deprecated Use notFound("dialogue") from ~/http/not-found.server (kept for dialoger.$id.delta.tsx). */
export function notFound(): never {
  notFoundOf("dialogue");
}

/**
 * The origin for links (e-mail, calendars, exports, QR codes): PUBLIC_URL only. The request is
 * deliberately ignored, so a forged Host header cannot end up in outgoing mail; the parameter is
 * kept so existing callers need not change.
 */
export function baseUrlFor(context: Pick<AppLoadContext, "config">, _request?: Request): string {
  return publicBaseUrl(context.config);
}

/**
 * Starts delivering what an action just queued, without making the resident
 * wait. Safe alongside the background job: rows are claimed in the database.
 */
export function deliverSoon(context: AppLoadContext): void {
  if (!context.config.SMTP_URL) return;
  void deliverPending(context.db, context.config, context.logger).catch((err: unknown) => context.logger.error({ err }, "email delivery failed"));
}
