/** The staff measure page's form intents, parsed with zod and handed to one domain function each. */
import type { AppLoadContext } from "@remix-run/node";
import type { StaffUser } from "~/http/auth.server";
import { baseUrlFor, deliverSoon } from "~/http/dialogues.server";
import { parseForm } from "~/http/forms";
import { changeStatus, sendMeasures } from "~/domain/measures/actions.server";
import { LinkSourceSchema, MeasureActionSchema } from "~/domain/measures/measures.schema";
import { linkSource } from "~/domain/measures/measures.server";
import type { I18nKey } from "~/i18n/keys";

export type MeasurePageResult =
  | { ok: true; message: I18nKey; vars?: Record<string, string | number> }
  | { ok: false; errors: Record<string, string>; vars?: Record<string, string | number>; notFound?: boolean };

/** Refusals of who is acting (not of what was sent): a form-level message and 403. */
const REFUSALS: ReadonlySet<string> = new Set(["measures.errors.forbidden", "measures.errors.wrongOrganisation", "measures.errors.staffOnly"]);

/** The HTTP status of a measure page answer: 403 when the actor may not do it, 400 for anything else refused. */
export function measurePageStatus(result: MeasurePageResult): number {
  if (result.ok) return 200;
  return REFUSALS.has(result.errors._form ?? "") ? 403 : 400;
}

export async function handleMeasureAction(context: AppLoadContext, request: Request, staff: StaffUser, id: number, form: FormData): Promise<MeasurePageResult> {
  const intent = String(form.get("intent") ?? "");
  const baseUrl = baseUrlFor(context, request);
  if (intent === "link") {
    // Linking is managing the measure; the domain refuses panelists (audited) before reading the source.
    const parsed = parseForm(LinkSourceSchema, form);
    if (!parsed.ok) return { ok: false, errors: { sourceId: parsed.errors.sourceId ?? parsed.errors.sourceType ?? "measures.errors.sourceInvalid" } };
    const r = await linkSource(context.db, staff, id, parsed.data.sourceType, parsed.data.sourceId, { ip: context.clientIp, now: context.clock.now() });
    if (r === "not_found") return { ok: false, errors: {}, notFound: true };
    if (REFUSALS.has(r)) return { ok: false, errors: { _form: r } };
    if (r !== "ok") return { ok: false, errors: { sourceId: r } };
    return { ok: true, message: "measures.staff.linked" };
  }
  const parsed = parseForm(MeasureActionSchema, form);
  if (!parsed.ok) return { ok: false, errors: { _form: parsed.errors.action ?? Object.values(parsed.errors)[0] } };
  const { action, ...input } = parsed.data;
  if (action === "send") {
    const r = await sendMeasures(context.db, context.config, staff, [id], { baseUrl, ip: context.clientIp, now: context.clock.now() });
    if (!r.ok) return { ok: false, errors: { _form: r.error }, vars: { organisation: r.organisation ?? "" } };
    deliverSoon(context);
    return { ok: true, message: "measures.actionDone.send" };
  }
  const r = await changeStatus(context.db, context.config, staff, id, action, input, { baseUrl, ip: context.clientIp, now: context.clock.now() });
  if (!r.ok) {
    if (r.error === "not_found") return { ok: false, errors: {}, notFound: true };
    return { ok: false, errors: { [r.field ? `${action}-${r.field}` : "_form"]: r.error } };
  }
  deliverSoon(context);
  return { ok: true, message: `measures.actionDone.${action}` };
}
