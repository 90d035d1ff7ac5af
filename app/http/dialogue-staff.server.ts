/**
 * The staff overview page's form intents, each parsed with zod and handed to
 * one domain function. Returns what the page shows next.
 */
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { StaffUser } from "~/http/auth.server";
import { parseForm } from "~/http/forms";
import { idField } from "~/domain/common/ids";
import { HeadcountSchema, InviteSchema } from "~/domain/dialogues/dialogue.schema";
import { setHeadcount, transitionDialogue } from "~/domain/dialogues/dialogues.server";
import { baseUrlFor, deliverSoon } from "~/http/dialogues.server";
import { addInvitation, assignPanelist, removePanelist, sendInvitations } from "~/domain/dialogues/invitations.server";
import { handleInvitationIntent } from "~/http/invitations.server";
import type { I18nKey } from "~/i18n/keys";

export type OverviewResult =
  { intent: string; ok: true; message: I18nKey; count?: number } | { intent: string; ok: false; errors: Record<string, string>; missing?: string[] };

const idInput = idField("errors.malformedForm");
const confirmed = (form: FormData) => form.get("lateConfirm") === "on";

export async function handleOverviewAction(
  context: AppLoadContext,
  request: Request,
  staff: StaffUser,
  id: number,
  form: FormData,
): Promise<OverviewResult | null> {
  const intent = String(form.get("intent") ?? "");
  const opts = { ip: context.clientIp, now: context.clock.now() };
  const fail = (errors: Record<string, string>, missing?: string[]): OverviewResult => ({ intent, ok: false, errors, missing });

  switch (intent) {
    case "publish":
    case "start":
    case "end": {
      const r = await transitionDialogue(context.db, staff, id, intent, { ...opts, lateConfirmed: confirmed(form) });
      if (!r) return null;
      if (!r.ok) return fail({ [r.error === "dialogues.errors.lateNotConfirmed" ? "lateConfirm" : "_form"]: r.error }, r.missing);
      return { intent, ok: true, message: `dialogues.staff.${intent === "publish" ? "published" : intent === "start" ? "started" : "ended"}` };
    }
    case "addInvitation": {
      const parsed = parseForm(InviteSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      const r = await addInvitation(context.db, staff, id, parsed.data, opts);
      if (!r.ok) return "notFound" in r ? null : fail(r.errors);
      return { intent, ok: true, message: "dialogues.staff.invitationAdded" };
    }
    case "removeInvitation":
    case "setInvitationStatus": {
      const r = await handleInvitationIntent(context, "dialogue", staff, id, intent, form);
      return r.ok ? { intent, ok: true, message: r.message } : fail(r.errors);
    }
    case "sendInvitations": {
      const r = await sendInvitations(context.db, context.config, staff, id, {
        ...opts,
        lateConfirmed: confirmed(form),
        baseUrl: baseUrlFor(context, request),
      });
      if (!r) return null;
      if (!r.ok) return fail({ [r.error === "dialogues.errors.lateNotConfirmed" ? "inviteLateConfirm" : "_form"]: r.error });
      deliverSoon(context);
      return { intent, ok: true, message: "dialogues.staff.invitationsSent", count: r.sent };
    }
    case "assignPanelist": {
      const parsed = z.object({ invitationId: idInput, staffId: idInput }).safeParse({ invitationId: form.get("invitationId"), staffId: form.get("staffId") });
      if (!parsed.success) return fail({ _form: "dialogues.errors.invalidPanelist" });
      const r = await assignPanelist(context.db, staff, id, parsed.data.invitationId, parsed.data.staffId, opts);
      if (r !== "ok") return fail({ _form: r === "not_found" ? "dialogues.notFound" : "dialogues.errors.invalidPanelist" });
      return { intent, ok: true, message: "dialogues.staff.saved" };
    }
    case "removePanelist": {
      const parsed = idInput.safeParse(form.get("staffId"));
      if (!parsed.success) return fail({ _form: "dialogues.notFound" });
      await removePanelist(context.db, staff, id, parsed.data, opts);
      return { intent, ok: true, message: "dialogues.staff.saved" };
    }
    case "headcount": {
      const parsed = parseForm(HeadcountSchema, form);
      if (!parsed.ok) return fail(parsed.errors);
      const r = await setHeadcount(context.db, staff, id, parsed.data.headcount, opts);
      if (r === "not_found") return null;
      if (r === "not_allowed") return fail({ headcount: "dialogues.errors.transitionNotAllowed" });
      return { intent, ok: true, message: "dialogues.staff.headcountSaved" };
    }
    default:
      return fail({ _form: "dialogues.errors.transitionNotAllowed" });
  }
}
