/**
 * Moderation services: the queue, claim locks, the state-machine transitions with
 * their public events and audit entries, pausing submissions, written answers and
 * the admin-editable ground rules.
 */
import { lockRow } from "~/domain/common/locks";
import type { DB } from "../../../db/connection";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import { findOrganisation } from "~/domain/common/organisations.server";
import { actingFor } from "~/domain/questions/acting-for.server";
import type { ModerationInput } from "~/domain/questions/questions.schema";
import { answeringNowChanges, transition, type QuestionAction } from "~/domain/questions/status";
import {
  appendEvent,
  CLAIM_MS,
  ensureState,
  isPublic,
  none,
  openDialogue,
  publicTally,
  queueDeltaFor,
  queuePage,
  recountVotes,
  selectQuestion,
  stateColumns,
  toLike,
  toPublic,
  type QaEffects,
  type QaError,
  type QueuePage,
  type QuestionRow,
} from "~/domain/questions/qa-core.server";

/** One page of the waiting queue (after `afterId`), with the total: see queuePage. */
export async function moderationQueue(db: DB, dialogueId: number, now: Date = new Date(), afterId: number | null = null): Promise<QueuePage> {
  return queuePage(db, dialogueId, now, afterId);
}

export type ClaimResult = { ok: true; until: string } | { ok: false; error: "not_found" | "claimed_by_other"; by?: string };

/** Claims a waiting question for a moderator; others see who has it until the lock expires. */
export async function claimQuestion(db: DB, staff: { id: number }, dialogueId: number, questionId: number, now: Date = new Date()): Promise<ClaimResult> {
  const until = new Date(now.getTime() + CLAIM_MS).toISOString();
  const res = await db
    .updateTable("questions")
    .set({ claimed_by: staff.id, claimed_until: until })
    .where("id", "=", questionId)
    .where("dialogue_id", "=", dialogueId)
    .where((eb) => eb.or([eb("claimed_by", "is", null), eb("claimed_by", "=", staff.id), eb("claimed_until", "<", now.toISOString())]))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) return { ok: true, until };
  const holder = await db
    .selectFrom("questions")
    .leftJoin("staff", "staff.id", "questions.claimed_by")
    .select(["questions.id", "staff.name"])
    .where("questions.id", "=", questionId)
    .where("questions.dialogue_id", "=", dialogueId)
    .executeTakeFirst();
  if (!holder) return { ok: false, error: "not_found" };
  return { ok: false, error: "claimed_by_other", by: holder.name ?? undefined };
}

export async function releaseClaim(db: DB, staff: { id: number }, questionId: number): Promise<void> {
  await db.updateTable("questions").set({ claimed_by: null, claimed_until: null }).where("id", "=", questionId).where("claimed_by", "=", staff.id).execute();
}

export type ModerateResult = { ok: true; effects: QaEffects } | { ok: false; error: QaError };

/**
 * Applies one moderation action in one transaction: state machine check, write,
 * public event(s) with sequence numbers, audit entry. The caller publishes the effects after commit.
 */
export async function moderate(
  db: DB,
  actor: AuditActor & { id: number },
  input: ModerationInput,
  ip: string | null,
  now: Date = new Date(),
): Promise<ModerateResult> {
  return db.transaction().execute(async (trx): Promise<ModerateResult> => {
    // Two moderators deciding on one question at once: the second reads the first's result and the state machine refuses.
    if (!(await lockRow(trx, "questions", input.questionId))) return { ok: false, error: "not_found" };
    const row = await selectQuestion(trx, input.questionId);
    if (!row || row.dialogue_id !== input.dialogueId) return { ok: false, error: "not_found" };
    // Who the actor is comes from the database: a panelist answers only for their own organisation, under its name.
    const rights = await actingFor(trx, actor.id, row, input.action);
    if (!rights.ok) {
      await logAudit(
        trx,
        {
          actor,
          action: "qa.refused",
          targetType: "question",
          targetId: row.id,
          details: { dialogueId: row.dialogue_id, event: input.action, error: rights.error },
          ip,
        },
        now,
      );
      return { ok: false, error: rights.error };
    }
    const signature = (given: string | null | undefined) => rights.signAs ?? given;
    // Another moderator holds the claim lock.
    if (row.claimed_by && row.claimed_by !== actor.id && row.claimed_until && row.claimed_until > now.toISOString() && row.status === "waiting") {
      return { ok: false, error: "claimed_by_other" };
    }
    const effects = none();
    const wasPublic = isPublic(row.status);
    const stamp = now.toISOString();
    const audit = (details: Record<string, unknown> = {}) =>
      logAudit(
        trx,
        { actor, action: `qa.${input.action}`, targetType: "question", targetId: row.id, details: { dialogueId: row.dialogue_id, ...details }, ip },
        now,
      );

    if (input.action === "escalate") {
      await trx
        .updateTable("questions")
        .set({ escalated_at: stamp, escalated_by: actor.id, escalation_note: input.note, updated_at: stamp })
        .where("id", "=", row.id)
        .execute();
      await audit({ note: input.note });
      effects.queue = await queueDeltaFor(trx, row.dialogue_id, row.id, now);
      return { ok: true, effects };
    }
    if (input.action === "assign") {
      const exists =
        input.assigneeType === "organisation"
          ? await findOrganisation(trx, input.assigneeId)
          : await trx.selectFrom("staff").select("id").where("id", "=", input.assigneeId).where("role", "=", "panelist").executeTakeFirst();
      if (!exists) return { ok: false, error: "not_found" };
      await trx
        .updateTable("questions")
        .set(
          input.assigneeType === "organisation"
            ? { assigned_organisation_id: input.assigneeId, updated_at: stamp }
            : { assigned_staff_id: input.assigneeId, updated_at: stamp },
        )
        .where("id", "=", row.id)
        .execute();
      await audit({ assigneeType: input.assigneeType, assigneeId: input.assigneeId });
      effects.queue = await queueDeltaFor(trx, row.dialogue_id, row.id, now);
      return { ok: true, effects };
    }

    if (input.action === "start_answering") {
      const state = await ensureState(trx, row.dialogue_id);
      const currentRow = state.current_question_id ? await selectQuestion(trx, state.current_question_id) : undefined;
      const current = currentRow && currentRow.status === "answering_now" ? toLike(currentRow) : null;
      const plan = answeringNowChanges(current, toLike(row), { now });
      if (!plan.ok) return { ok: false, error: plan.error };
      for (const change of plan.changes) {
        await trx
          .updateTable("questions")
          .set({ ...stateColumns(change.state), updated_at: stamp })
          .where("id", "=", change.id)
          .execute();
        const updated = await selectQuestion(trx, change.id);
        effects.events.push(await appendEvent(trx, row.dialogue_id, { type: "upsert", question: toPublic(updated!) }, now));
      }
      await trx.updateTable("qa_state").set({ current_question_id: row.id }).where("dialogue_id", "=", row.dialogue_id).execute();
      effects.events.push(await appendEvent(trx, row.dialogue_id, { type: "current", questionId: row.id }, now));
      await audit();
      return { ok: true, effects };
    }

    let action: QuestionAction;
    let target: NonNullable<QuestionRow> | undefined;
    switch (input.action) {
      case "approve":
        action = { type: "approve" };
        break;
      case "edit_and_approve":
        action = { type: "edit_and_approve" };
        break;
      case "reject":
        action = { type: "reject", rule: input.rule };
        break;
      case "reinstate":
        action = { type: "reinstate" };
        break;
      case "merge":
        // The target's votes change too: lock it as a vote does.
        if (!(await lockRow(trx, "questions", input.intoQuestionId))) return { ok: false, error: "not_found" };
        target = await selectQuestion(trx, input.intoQuestionId);
        if (!target) return { ok: false, error: "not_found" };
        action = { type: "merge", into: { id: target.id, dialogueId: target.dialogue_id, status: target.status } };
        break;
      case "stop_answering":
        action = { type: "stop_answering" };
        break;
      case "mark_answered":
        action = { type: "mark_answered", answer: input.answer, answeredBy: signature(input.answeredBy) };
        break;
      case "answer_in_writing":
        action = { type: "answer_in_writing", dueDate: input.dueDate };
        break;
      case "publish_written_answer":
        action = { type: "publish_written_answer", answer: input.answer, answeredBy: signature(input.answeredBy) };
        break;
    }
    if (input.action === "reject") {
      const rule = await trx.selectFrom("qa_rejection_rules").select("active").where("code", "=", input.rule).executeTakeFirst();
      if (!rule || rule.active !== 1) return { ok: false, error: "invalid_rule" };
    }
    const result = transition(toLike(row), action, { now });
    if (!result.ok) return { ok: false, error: result.error };

    const set: Record<string, unknown> = {
      ...stateColumns(result.state),
      updated_at: stamp,
      moderated_by: actor.id,
      moderated_at: stamp,
      claimed_by: null,
      claimed_until: null,
    };
    if (result.state.status === "approved" && row.status === "waiting") set.approved_at = stamp;
    if (input.action === "edit_and_approve") {
      set.original_text = row.original_text ?? row.text;
      set.text = input.text;
      set.edited_by = actor.id;
      set.edit_reason = input.reason;
      set.edited_at = stamp;
    }
    await trx.updateTable("questions").set(set).where("id", "=", row.id).execute();

    if (input.action === "merge" && target) {
      // Votes combine: move this question's votes to the target (a participant counts once).
      await trx
        .insertInto("question_votes")
        .columns(["question_id", "participant_id", "created_at"])
        .expression((eb) =>
          eb
            .selectFrom("question_votes")
            .select([eb.cast<number>(eb.val(target.id), "integer").as("question_id"), "participant_id", "created_at"])
            .where("question_id", "=", row.id),
        )
        .onConflict((oc) => oc.columns(["question_id", "participant_id"]).doNothing())
        .execute();
      await trx.deleteFrom("question_votes").where("question_id", "=", row.id).execute();
      await trx
        .updateTable("questions")
        .set({ ...recountVotes(target.id), updated_at: stamp })
        .where("id", "=", target.id)
        .execute();
      const t = await selectQuestion(trx, target.id);
      effects.events.push(await appendEvent(trx, row.dialogue_id, { type: "upsert", question: toPublic(t!) }, now));
    }

    const updated = (await selectQuestion(trx, row.id))!;
    if (isPublic(updated.status)) {
      effects.events.push(await appendEvent(trx, row.dialogue_id, { type: "upsert", question: toPublic(updated) }, now));
    } else if (wasPublic) {
      effects.events.push(await appendEvent(trx, row.dialogue_id, { type: "remove", questionId: row.id }, now));
    }
    if (row.status === "answering_now" && updated.status !== "answering_now") {
      await trx.updateTable("qa_state").set({ current_question_id: null }).where("dialogue_id", "=", row.dialogue_id).execute();
      effects.events.push(await appendEvent(trx, row.dialogue_id, { type: "current", questionId: null }, now));
    }
    effects.notices.push({
      participantId: row.participant_id,
      dialogueId: row.dialogue_id,
      questionId: row.id,
      status: updated.status,
      rule: updated.reject_rule,
    });
    if (row.status === "waiting" || updated.status === "waiting") effects.queue = await queueDeltaFor(trx, row.dialogue_id, row.id, now);
    if (row.status !== updated.status) effects.counts = await publicTally(trx, row.dialogue_id);
    await audit(
      input.action === "reject"
        ? { rule: input.rule }
        : input.action === "edit_and_approve"
          ? { reason: input.reason }
          : input.action === "merge"
            ? { into: input.intoQuestionId }
            : {},
    );
    return { ok: true, effects };
  });
}

export async function setSubmissionsOpen(
  db: DB,
  actor: AuditActor & { id: number },
  dialogueId: number,
  open: boolean,
  ip: string | null,
  now: Date = new Date(),
): Promise<ModerateResult> {
  const dialogue = await openDialogue(db, dialogueId);
  if (!dialogue) return { ok: false, error: "not_found" };
  return db.transaction().execute(async (trx) => {
    await ensureState(trx, dialogueId);
    await trx
      .updateTable("qa_state")
      .set({ submissions_open: open ? 1 : 0 })
      .where("dialogue_id", "=", dialogueId)
      .execute();
    const event = await appendEvent(trx, dialogueId, { type: "submissions", open }, now);
    await logAudit(trx, { actor, action: open ? "qa.open_submissions" : "qa.pause_submissions", targetType: "dialogue", targetId: dialogueId, ip }, now);
    return { ok: true as const, effects: { ...none(), events: [event] } };
  });
}

export interface WrittenAnswerDue {
  id: number;
  dialogueId: number;
  dialogueTitle: string;
  text: string;
  dueDate: string;
  overdue: boolean;
}

export async function writtenAnswersDue(db: DB, today: string): Promise<WrittenAnswerDue[]> {
  const rows = await db
    .selectFrom("questions")
    .innerJoin("dialogues", "dialogues.id", "questions.dialogue_id")
    .select(["questions.id", "questions.dialogue_id", "dialogues.title", "questions.text", "questions.written_due_date"])
    .where("questions.status", "=", "answer_in_writing")
    .orderBy("questions.written_due_date")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    dialogueId: r.dialogue_id,
    dialogueTitle: r.title,
    text: r.text,
    dueDate: r.written_due_date ?? "",
    overdue: (r.written_due_date ?? "") < today,
  }));
}

export async function listRejectionRules(db: DB, opts: { includeInactive?: boolean } = {}) {
  let q = db.selectFrom("qa_rejection_rules").selectAll().orderBy("sort");
  if (!opts.includeInactive) q = q.where("active", "=", 1);
  return q.execute();
}

/** Labels of every rule (also retired ones, which old rejections still cite), by code. */
export async function ruleLabels(db: DB): Promise<Record<string, { sv: string; en: string }>> {
  const rows = await listRejectionRules(db, { includeInactive: true });
  return Object.fromEntries(rows.map((r) => [r.code, { sv: r.label_sv, en: r.label_en }]));
}

/** Admins edit the wording of a ground rule and whether moderators can still pick it. */
export async function updateRejectionRule(
  db: DB,
  actor: AuditActor,
  input: { code: string; labelSv: string; labelEn: string; active: boolean },
  ip: string | null,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("qa_rejection_rules").selectAll().where("code", "=", input.code).executeTakeFirst();
    if (!before) return false;
    await trx
      .updateTable("qa_rejection_rules")
      .set({ label_sv: input.labelSv, label_en: input.labelEn, active: input.active ? 1 : 0 })
      .where("code", "=", input.code)
      .execute();
    await logAudit(trx, {
      actor,
      action: "qa.rule_update",
      targetType: "qa_rule",
      targetId: input.code,
      details: {
        before: { sv: before.label_sv, en: before.label_en, active: before.active === 1 },
        after: { sv: input.labelSv, en: input.labelEn, active: input.active },
      },
      ip,
    });
    return true;
  });
}
