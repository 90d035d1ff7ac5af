/** Form handling for follow-up walks, shared by the walk routes: parse with zod, call one domain function. */
import type { AppLoadContext } from "@remix-run/node";
import type { StaffUser } from "~/http/auth.server";
import { baseUrlFor, deliverSoon } from "~/http/dialogues.server";
import { parseForm } from "~/http/forms";
import { parseId } from "~/domain/common/ids";
import { CheckAnswerSchema, CheckResolveSchema } from "~/domain/measures/checks.schema";
import { resolveChecks, submitCheck } from "~/domain/measures/checks.server";
import type { I18nKey } from "~/i18n/keys";

export type CheckFormResult = { ok: true } | { ok: false; measureId: number | null; errors: Record<string, string> };

const measureIdOf = (form: FormData) => parseId(form.get("measureId"));

/** A participant's "is this fixed?" answer, from the walk's map page. */
export async function handleCheckAnswer(context: AppLoadContext, walkId: number, form: FormData): Promise<CheckFormResult> {
  const parsed = parseForm(CheckAnswerSchema, form);
  if (!parsed.ok) {
    const { measureId, ...rest } = parsed.errors;
    return { ok: false, measureId: measureIdOf(form), errors: measureId ? { _form: measureId } : rest };
  }
  const r = await submitCheck(context.db, walkId, context.participantId, parsed.data, context.clock.now());
  if (!r.ok) return { ok: false, measureId: parsed.data.measureId, errors: { _form: r.error } };
  return { ok: true };
}

export type ResolveFormResult =
  | { intent: "resolveCheck"; ok: true; message: I18nKey; vars?: Record<string, string | number> }
  | { intent: "resolveCheck"; ok: false; errors: Record<string, string>; itemId?: number };

/** A staff member verifies or reopens a measure from the walk's answers. */
export async function handleResolveCheck(
  context: AppLoadContext,
  request: Request,
  staff: StaffUser,
  walkId: number,
  form: FormData,
): Promise<ResolveFormResult> {
  const parsed = parseForm(CheckResolveSchema, form);
  const itemId = measureIdOf(form) ?? undefined;
  if (!parsed.ok)
    return {
      intent: "resolveCheck",
      ok: false,
      itemId,
      errors: { _form: parsed.errors.measureId ?? parsed.errors.resolution ?? Object.values(parsed.errors)[0] },
    };
  const { measureId, resolution, comment } = parsed.data;
  const r = await resolveChecks(context.db, context.config, staff, walkId, measureId, resolution, comment, {
    baseUrl: baseUrlFor(context, request),
    ip: context.clientIp,
    now: context.clock.now(),
  });
  if (!r.ok) {
    if (r.error === "not_found") return { intent: "resolveCheck", ok: false, itemId, errors: { _form: "measures.checks.errors.measureUnknown" } };
    return { intent: "resolveCheck", ok: false, itemId, errors: { [r.field ?? "_form"]: r.error } };
  }
  deliverSoon(context);
  return { intent: "resolveCheck", ok: true, message: resolution === "verify" ? "measures.checks.verified" : "measures.checks.reopened" };
}
