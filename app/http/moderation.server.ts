import type { AppLoadContext } from "@remix-run/node";
import type { DB } from "../../db/connection";
import { publishClaim, publishQaEffects } from "~/realtime/publisher.server";
import { formErrors, qaErrorInfo } from "~/http/errors";
import { parseForm } from "~/http/forms";
import type { StaffUser } from "~/domain/staff/session.server";
import { ModerationSchema } from "~/domain/questions/questions.schema";
import {
  claimQuestion,
  getSnapshot,
  listRejectionRules,
  moderate,
  moderationQueue,
  setSubmissionsOpen,
  type QaEffects,
  type QaError,
} from "~/domain/questions/qa.server";
import { defaultWrittenAnswerDueDate } from "~/domain/questions/status";
import { listDialoguePanelists, listOrganisations } from "~/domain/common/organisations.server";

/** `queueAfter`: the queue page after that question id (`?efter=` on the page), the first page when null. */
export async function loadModeration(db: DB, dialogueId: number, now: Date = new Date(), queueAfter: number | null = null) {
  const [page, snapshot, rules, panelists, organisations] = await Promise.all([
    moderationQueue(db, dialogueId, now, queueAfter),
    getSnapshot(db, dialogueId),
    listRejectionRules(db),
    listDialoguePanelists(db, dialogueId),
    listOrganisations(db),
  ]);
  const { items: queue, ...queuePage } = page;
  return {
    queue,
    queuePage,
    snapshot,
    rules: rules.map((r) => ({ code: r.code, sv: r.label_sv, en: r.label_en })),
    panelists,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    defaultDueDate: defaultWrittenAnswerDueDate(now),
  };
}

/** The answer of a moderation form post: on success the queue delta and public events the socket sends too. */
export type ModerationFormResult =
  | { ok: true; intent: string; queue?: QaEffects["queue"]; events?: QaEffects["events"] }
  | { ok: false; intent: string; errors: Record<string, string>; target?: FormTarget };

/** Which control a refusal answers, so a page rendered without JavaScript shows it next to that control. */
export type FormTarget = { action: string; questionId: number };

function targetOf(form: FormData): FormTarget | undefined {
  const action = form.get("action");
  const questionId = Number(form.get("questionId"));
  return typeof action === "string" && Number.isInteger(questionId) && questionId > 0 ? { action, questionId } : undefined;
}

function refused(intent: string, error: QaError, target?: FormTarget): { status: number; body: ModerationFormResult } {
  const { status, errors } = formErrors(qaErrorInfo(error));
  return { status, body: { ok: false, intent, errors, ...(target ? { target } : {}) } };
}

/** The moderator page's form posts: the same services (and publishing) as the socket events. */
export async function handleModerationForm(
  ctx: AppLoadContext,
  staff: StaffUser,
  dialogueId: number,
  form: FormData,
): Promise<{ status: number; body: ModerationFormResult }> {
  const intent = String(form.get("intent") ?? "");
  form.set("dialogueId", String(dialogueId));
  if (intent === "submissions") {
    const open = form.get("open") === "true";
    const r = await setSubmissionsOpen(ctx.db, staff, dialogueId, open, ctx.clientIp, ctx.clock.now());
    if (!r.ok) return refused(intent, r.error);
    publishQaEffects(ctx.publisher, dialogueId, r.effects);
    return { status: 200, body: { ok: true, intent, events: r.effects.events } };
  }
  if (intent === "claim") {
    const questionId = Number(form.get("questionId"));
    if (!Number.isInteger(questionId) || questionId <= 0) return { status: 400, body: { ok: false, intent, errors: { _form: "errors.malformedForm" } } };
    const r = await claimQuestion(ctx.db, staff, dialogueId, questionId, ctx.clock.now());
    if (!r.ok) return refused(intent, r.error);
    publishClaim(ctx.publisher, { dialogueId, questionId }, staff, r.until);
    return { status: 200, body: { ok: true, intent } };
  }
  if (intent === "moderate") {
    // The assign form sends one select value "panelist:12" or "organisation:3".
    const assignee = form.get("assignee");
    if (typeof assignee === "string" && assignee.includes(":")) {
      const [type, id] = assignee.split(":");
      form.set("assigneeType", type);
      form.set("assigneeId", id);
    }
    const parsed = parseForm(ModerationSchema, form);
    const target = targetOf(form);
    if (!parsed.ok) return { status: 400, body: { ok: false, intent, errors: parsed.errors, ...(target ? { target } : {}) } };
    const r = await moderate(ctx.db, staff, parsed.data, ctx.clientIp, ctx.clock.now());
    if (!r.ok) return refused(intent, r.error, target);
    publishQaEffects(ctx.publisher, dialogueId, r.effects);
    return { status: 200, body: { ok: true, intent, queue: r.effects.queue, events: r.effects.events } };
  }
  return { status: 400, body: { ok: false, intent, errors: { _form: "errors.malformedForm" } } };
}
