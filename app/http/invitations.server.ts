/**
 * The invitation intents that the staff dialogue and walk pages share: withdraw an
 * unsent invitation, record an organisation's answer. Each area keeps its wording.
 */
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { StaffUser } from "~/http/auth.server";
import { idField } from "~/domain/common/ids";
import { removeInvitation, setInvitationStatus, type InvitedTo } from "~/domain/common/invitations.server";
import type { I18nKey } from "~/i18n/keys";

const MESSAGES = {
  dialogue: {
    notFound: "dialogues.notFound",
    notEditable: "dialogues.errors.notEditable",
    notAllowed: "dialogues.errors.transitionNotAllowed",
    saved: "dialogues.staff.saved",
  },
  walk: {
    notFound: "walks.errors.notFound",
    notEditable: "walks.errors.notEditable",
    notAllowed: "walks.errors.transitionNotAllowed",
    saved: "walks.staff.saved",
  },
} as const satisfies Record<InvitedTo, Record<string, I18nKey>>;

const RemoveSchema = z.object({ invitationId: idField("errors.malformedForm") });
const AnswerSchema = z.object({ invitationId: idField("errors.malformedForm"), status: z.enum(["invited", "accepted", "declined"]) });

export type InvitationIntent = "removeInvitation" | "setInvitationStatus";
export type InvitationIntentResult = { ok: true; message: I18nKey } | { ok: false; errors: Record<string, I18nKey> };

export async function handleInvitationIntent(
  context: AppLoadContext,
  to: InvitedTo,
  staff: StaffUser,
  parentId: number,
  intent: InvitationIntent,
  form: FormData,
): Promise<InvitationIntentResult> {
  const m = MESSAGES[to];
  const opts = { ip: context.clientIp, now: context.clock.now() };
  if (intent === "removeInvitation") {
    const parsed = RemoveSchema.safeParse({ invitationId: form.get("invitationId") });
    if (!parsed.success) return { ok: false, errors: { _form: m.notFound } };
    const r = await removeInvitation(context.db, to, staff, parentId, parsed.data.invitationId, opts);
    if (r !== "ok") return { ok: false, errors: { _form: r === "not_found" ? m.notFound : m.notEditable } };
    return { ok: true, message: m.saved };
  }
  const parsed = AnswerSchema.safeParse({ invitationId: form.get("invitationId"), status: form.get("status") });
  if (!parsed.success) return { ok: false, errors: { _form: m.notAllowed } };
  const r = await setInvitationStatus(context.db, to, staff, parentId, parsed.data.invitationId, parsed.data.status, opts);
  // An invitation of another dialogue or walk is "not found", as withdrawing it is.
  if (r !== "ok") return { ok: false, errors: { _form: r === "not_found" ? m.notFound : m.notAllowed } };
  return { ok: true, message: m.saved };
}
