/** The staff walk overview's form intents, each parsed with zod and handed to one domain function. */
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { StaffUser } from "~/http/auth.server";
import { parseForm } from "~/http/forms";
import { idField } from "~/domain/common/ids";
import { baseUrlFor, deliverSoon } from "~/http/dialogues.server";
import { publishWalkEffects } from "~/realtime/walks-handlers.server";
import { addWalkInvitation, sendWalkInvitations } from "~/domain/walks/invitations.server";
import { handleInvitationIntent } from "~/http/invitations.server";
import { moderateObservation, moderatePhoto, updateProtocolItem } from "~/domain/walks/observations.server";
import { sendProtocol } from "~/domain/walks/protocol.server";
import { GroupSchema, ModerateObservationSchema, ModeratePhotoSchema, ProtocolItemSchema, StartWalkSchema, WalkInviteSchema } from "~/domain/walks/walk.schema";
import { addGroup, removeGroup, transitionWalkStatus, updateGroupCount } from "~/domain/walks/walks.server";
import type { I18nKey } from "~/i18n/keys";

export type WalkActionResult =
  | { intent: string; ok: true; message: I18nKey; vars?: Record<string, string | number> }
  | { intent: string; ok: false; errors: Record<string, string>; itemId?: number };

const idInput = idField("errors.malformedForm");
const EVENTS = ["preMeeting", "start", "finish", "closingMeeting", "followUp"] as const;

export async function handleWalkAction(
  context: AppLoadContext,
  request: Request,
  staff: StaffUser,
  walkId: number,
  form: FormData,
): Promise<WalkActionResult | null> {
  const intent = String(form.get("intent") ?? "");
  const opts = { ip: context.clientIp, now: context.clock.now() };
  const fail = (errors: Record<string, string>, itemId?: number): WalkActionResult => ({ intent, ok: false, errors, itemId });
  const ok = (message: I18nKey, vars?: Record<string, string | number>): WalkActionResult => ({ intent, ok: true, message, vars });

  if ((EVENTS as readonly string[]).includes(intent)) {
    const event = intent as (typeof EVENTS)[number];
    let start: { weather: string; actualLight: "day" | "dusk" | "dark" } | undefined;
    if (event === "start") {
      const parsed = parseForm(StartWalkSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      start = parsed.data;
    }
    const r = await transitionWalkStatus(context.db, staff, walkId, event, { ...opts, weather: start?.weather, actualLight: start?.actualLight });
    if (!r) return null;
    if (!r.ok) return fail({ _form: r.error });
    return ok("walks.staff.moved", { status: `walks.status.${r.status}` });
  }

  switch (intent) {
    case "addGroup": {
      const parsed = parseForm(GroupSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      const id = await addGroup(context.db, staff, walkId, parsed.data, opts);
      return id === null ? null : ok("walks.staff.saved");
    }
    case "groupCount": {
      const parsed = z
        .object({
          groupId: idInput,
          participants: z
            .string()
            .regex(/^\d{1,3}$/, "walks.errors.participants")
            .transform(Number),
        })
        .safeParse({ groupId: form.get("groupId"), participants: form.get("participants") });
      if (!parsed.success || parsed.data.participants > 500) return fail({ participants: "walks.errors.participants" });
      const r = await updateGroupCount(context.db, staff, walkId, parsed.data.groupId, parsed.data.participants, opts);
      return r === "ok" ? ok("walks.staff.saved") : fail({ _form: "walks.errors.notFound" });
    }
    case "removeGroup": {
      const parsed = idInput.safeParse(form.get("groupId"));
      if (!parsed.success) return fail({ _form: "walks.errors.notFound" });
      const r = await removeGroup(context.db, staff, walkId, parsed.data, opts);
      return r === "ok" ? ok("walks.staff.saved") : fail({ _form: "walks.errors.notFound" });
    }
    case "addInvitation": {
      const parsed = parseForm(WalkInviteSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      const r = await addWalkInvitation(context.db, staff, walkId, parsed.data, opts);
      return r.ok ? ok("walks.staff.invitationAdded") : fail(r.errors);
    }
    case "removeInvitation":
    case "setInvitationStatus": {
      const r = await handleInvitationIntent(context, "walk", staff, walkId, intent, form);
      return r.ok ? ok(r.message) : fail(r.errors);
    }
    case "sendInvitations": {
      const r = await sendWalkInvitations(context.db, context.config, staff, walkId, { ...opts, baseUrl: baseUrlFor(context, request) });
      if (!r) return null;
      if (!r.ok) return fail({ _form: r.error });
      deliverSoon(context);
      return ok("walks.staff.invitationsSent", { count: r.sent });
    }
    case "moderate": {
      const parsed = parseForm(ModerateObservationSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      const r = await moderateObservation(context.db, staff, walkId, parsed.data.observationId, parsed.data.decision, opts);
      if (!r) return fail({ _form: "walks.errors.notFound" });
      publishWalkEffects(context.publisher, r.effects);
      return ok("walks.staff.moderated");
    }
    case "moderatePhoto": {
      const parsed = parseForm(ModeratePhotoSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      const r = await moderatePhoto(context.db, staff, walkId, parsed.data.observationId, parsed.data.decision, opts);
      if (!r) return fail({ _form: "walks.errors.notFound" });
      publishWalkEffects(context.publisher, r.effects);
      return ok("walks.staff.moderated");
    }
    case "protocolItem": {
      const parsed = parseForm(ProtocolItemSchema, form);
      const itemId = Number(form.get("observationId")) || undefined;
      if (!parsed.ok) return fail(parsed.errors, itemId);
      const r = await updateProtocolItem(context.db, staff, walkId, parsed.data, opts);
      if (!r) return fail({ _form: "walks.errors.notFound" }, itemId);
      if (!r.ok) return fail(r.errors, itemId);
      publishWalkEffects(context.publisher, r.effects);
      return ok("walks.protocol.saved", { n: String(form.get("number") ?? "") });
    }
    case "sendProtocol": {
      const r = await sendProtocol(context.db, context.config, staff, walkId, { ...opts, baseUrl: baseUrlFor(context, request) });
      if (!r) return null;
      if (!r.ok) return fail({ _form: r.error });
      deliverSoon(context);
      return ok("walks.protocol.sent", { emails: r.emails, items: r.items });
    }
    default:
      return fail({ _form: "walks.errors.transitionNotAllowed" });
  }
}
