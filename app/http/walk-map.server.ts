/**
 * The walk's map page: what a participant sees (observations, the follow-up list),
 * and the no-JavaScript path for an observation or an "is this fixed?" answer.
 * The observation goes through the same schema and domain function as the socket event.
 */
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { handleCheckAnswer } from "~/http/measure-checks.server";
import { idParam } from "~/http/not-found.server";
import { budgetFormErrors, checkBudget, formGate, tooManyRequests } from "~/http/limits.server";
import { readFormData } from "~/http/request.server";
import { parseId } from "~/domain/common/ids";
import { requireWalk } from "~/http/walks.server";
import { measuresToRevisit, myChecks, REVISIT_STATUSES } from "~/domain/measures/checks.server";
import { submitObservation } from "~/domain/walks/observations.server";
import { walkMapData } from "~/domain/walks/public.server";
import { ObservationSchema, observationPayloadFromForm } from "~/domain/walks/walk.schema";
import { getLocale } from "~/i18n/locale.server";
import { serverT } from "~/i18n/i18n";
import { publishWalkEffects } from "~/realtime/walks-handlers.server";

export async function loadWalkMap(request: Request, context: AppLoadContext, walkIdSegment: string | undefined) {
  const walk = await requireWalk(context.db, walkIdSegment);
  const t = serverT(await getLocale(request));
  const revisiting = REVISIT_STATUSES.includes(walk.status);
  const now = context.clock.now();
  const [data, revisit, checked] = await Promise.all([
    walkMapData(context.db, walk, context.participantId, context.config.WALK_LATE_WINDOW_DAYS, t, now),
    revisiting ? measuresToRevisit(context.db, walk, now) : Promise.resolve([]),
    revisiting ? myChecks(context.db, walk.id, context.participantId) : Promise.resolve({}),
  ]);
  const followUp = {
    show: revisiting,
    canAnswer: walk.status === "ongoing",
    items: revisit.map((m) => ({
      id: m.id,
      title: m.title,
      status: m.status,
      organisationName: m.organisationName,
      address: m.address,
      alongRoute: m.alongRoute,
    })),
    mine: checked,
  };
  return json({ walk, ...data, followUp, map: { tileUrl: context.config.TILE_URL, attribution: context.config.TILE_ATTRIBUTION } });
}

export async function handleWalkMapPost(request: Request, context: AppLoadContext, walkIdSegment: string | undefined) {
  const walkId = idParam("walk", walkIdSegment);
  const form = await readFormData(request);
  if (form.get("intent") === "measureCheck") {
    const refused = await checkBudget(context, "walk.check");
    if (refused) return tooManyRequests({ check: { measureId: parseId(form.get("measureId")), errors: budgetFormErrors() } }, refused);
    const r = await handleCheckAnswer(context, walkId, form);
    if (!r.ok) return json({ check: { measureId: r.measureId, errors: r.errors } }, { status: 400 });
    return redirect(`/vandringar/${walkId}/karta?svar=sparat#uppfoljning`);
  }
  const payload = observationPayloadFromForm(form);
  const parsed = ObservationSchema.safeParse({ ...payload, walkId });
  if (!parsed.success) {
    // One message per top-level field: the form shows its errors by field name.
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0] ?? "_form")] ??= i.message;
    return json({ errors }, { status: 400 });
  }
  const r = await submitObservation(context.db, parsed.data, {
    participantId: context.participantId,
    lateWindowDays: context.config.WALK_LATE_WINDOW_DAYS,
    now: context.clock.now(),
    gate: formGate(context, "walk.observe"),
  });
  // A refusal sends back what was typed (`draft`), so the page without JavaScript keeps it.
  if (!r.ok && r.error === "too_many_requests") return tooManyRequests({ errors: budgetFormErrors(), draft: payload }, r);
  if (!r.ok) return json({ errors: { [r.field ?? "_form"]: r.error } as Record<string, string>, draft: payload }, { status: 400 });
  publishWalkEffects(context.publisher, r.effects);
  return redirect(`/vandringar/${walkId}/karta?sparad=${r.observation.status}#platser`);
}
