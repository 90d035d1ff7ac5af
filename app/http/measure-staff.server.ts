/** The staff measure page's form intents, parsed with zod and handed to one domain function each. */
import type { AppLoadContext } from "@remix-run/node";
import type { StaffUser } from "~/http/auth.server";
import { baseUrlFor, deliverSoon } from "~/http/dialogues.server";
import { parseForm } from "~/http/forms";
import { logAudit } from "~/domain/audit/audit.server";
import { can } from "~/domain/staff/roles";
import { changeStatus, sendMeasures } from "~/domain/measures/actions.server";
import { LinkSourceSchema, MeasureActionSchema } from "~/domain/measures/measures.schema";
import { linkSource } from "~/domain/measures/measures.server";
import type { I18nKey } from "~/i18n/keys";

export type MeasurePageResult =
  | { ok: true; message: I18nKey; vars?: Record<string, string | number> }
  | { ok: false; errors: Record<string, string>; vars?: Record<string, string | number>; notFound?: boolean };

export async function handleMeasureAction(context: AppLoadContext, request: Request, staff: StaffUser, id: number, form: FormData): Promise<MeasurePageResult> {
  const intent = String(form.get("intent") ?? "");
  const baseUrl = baseUrlFor(context, request);
  if (intent === "link") {
    // Linking questions and observations is managing the measure; panelists only respond to their organisation's measures.
    if (!can(staff.role, "measures.manage")) {
      await logAudit(
        context.db,
        { actor: staff, action: "auth.forbidden", targetType: "measure", targetId: id, details: { intent }, ip: context.clientIp },
        context.clock.now(),
      );
      return { ok: false, errors: { _form: "measures.errors.forbidden" } };
    }
    const parsed = parseForm(LinkSourceSchema, form);
    if (!parsed.ok) return { ok: false, errors: { sourceId: parsed.errors.sourceId ?? parsed.errors.sourceType ?? "measures.errors.sourceInvalid" } };
    const r = await linkSource(context.db, staff, id, parsed.data.sourceType, parsed.data.sourceId, { ip: context.clientIp, now: context.clock.now() });
    if (r === "not_found") return { ok: false, errors: {}, notFound: true };
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
