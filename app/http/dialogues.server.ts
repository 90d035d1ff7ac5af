/** Small helpers shared by the dialogue routes. */
import { json, type AppLoadContext } from "@remix-run/node";
import { deliverPending } from "~/domain/email/outbox.server";
import { publicBaseUrl } from "~/domain/dialogues/ical.server";

export function idParam(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value)) throw json({ error: "dialogues.notFound" }, { status: 404 });
  return Number(value);
}

export function notFound(): never {
  throw json({ error: "dialogues.notFound" }, { status: 404 });
}

export function baseUrlFor(context: AppLoadContext, request: Request): string {
  return publicBaseUrl(context.config, request);
}

/**
 * Starts delivering what an action just queued, without making the resident
 * wait. Safe alongside the background job: rows are claimed in the database.
 */
export function deliverSoon(context: AppLoadContext): void {
  if (!context.config.SMTP_URL) return;
  void deliverPending(context.db, context.config, context.logger).catch((err: unknown) => context.logger.error({ err }, "email delivery failed"));
}
