import type { AppLoadContext } from "@remix-run/node";
import type { DB } from "../../db/connection";
import { publishQaEffects } from "~/realtime/publisher.server";
import { qaStaffRoom } from "~/realtime/qa.events";
import { parseForm } from "~/http/forms";
import type { StaffUser } from "~/domain/staff/session.server";
import { ModerationSchema } from "~/domain/questions/questions.schema";
import { claimQuestion, getSnapshot, listRejectionRules, moderate, moderationQueue, setSubmissionsOpen } from "~/domain/questions/qa.server";
import { defaultWrittenAnswerDueDate } from "~/domain/questions/status";

export async function loadModeration(db: DB, dialogueId: number, now: Date = new Date()) {
  const [queue, snapshot, rules, panelists, organisations] = await Promise.all([
    moderationQueue(db, dialogueId, now),
    getSnapshot(db, dialogueId),
    listRejectionRules(db),
    db
      .selectFrom("dialogue_panelists")
      .innerJoin("staff", "staff.id", "dialogue_panelists.staff_id")
      .leftJoin("organisations", "organisations.id", "staff.organisation_id")
      .select(["staff.id", "staff.name", "organisations.name as organisation"])
      .where("dialogue_panelists.dialogue_id", "=", dialogueId)
      .execute(),
    db.selectFrom("organisations").select(["id", "name"]).orderBy("name").execute(),
  ]);
  return {
    queue,
    snapshot,
    rules: rules.map((r) => ({ code: r.code, sv: r.label_sv, en: r.label_en })),
    panelists,
    organisations,
    defaultDueDate: defaultWrittenAnswerDueDate(now),
  };
}

const ERRORS: Record<string, string> = {
  not_found: "qa.errors.notFound",
  claimed_by_other: "qa.errors.claimed",
};

export type ModerationFormResult = { ok: true; intent: string } | { ok: false; intent: string; errors: Record<string, string> };

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
    const r = await setSubmissionsOpen(ctx.db, staff, dialogueId, open, ctx.clientIp);
    if (!r.ok) return { status: 404, body: { ok: false, intent, errors: { _form: "qa.errors.notFound" } } };
    publishQaEffects(ctx.publisher, dialogueId, r.effects);
    return { status: 200, body: { ok: true, intent } };
  }
  if (intent === "claim") {
    const questionId = Number(form.get("questionId"));
    if (!Number.isInteger(questionId) || questionId <= 0) return { status: 400, body: { ok: false, intent, errors: { _form: "errors.malformedForm" } } };
    const r = await claimQuestion(ctx.db, staff, dialogueId, questionId);
    if (!r.ok) return { status: 409, body: { ok: false, intent, errors: { _form: ERRORS[r.error] ?? "qa.errors.invalidState" } } };
    ctx.publisher.emit(qaStaffRoom(dialogueId), "qa:claimed", { dialogueId, questionId, by: staff.name, until: r.until });
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
    if (!parsed.ok) return { status: 400, body: { ok: false, intent, errors: parsed.errors } };
    const r = await moderate(ctx.db, staff, parsed.data, ctx.clientIp);
    if (!r.ok) return { status: 409, body: { ok: false, intent, errors: { _form: ERRORS[r.error] ?? "qa.errors.invalidState" } } };
    publishQaEffects(ctx.publisher, dialogueId, r.effects);
    return { status: 200, body: { ok: true, intent } };
  }
  return { status: 400, body: { ok: false, intent, errors: { _form: "errors.malformedForm" } } };
}
