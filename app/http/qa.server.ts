/**
 * Form-post (no JavaScript) entry points of the Q&A, shared by the resident
 * page and the join page. They call the same services as the socket handlers.
 */
import crypto from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { publishQaEffects } from "~/realtime/publisher.server";
import { formErrors, qaErrorInfo, retryAfterHeaders } from "~/http/errors";
import { budgetFormErrors, checkBudget, formGate } from "~/http/limits.server";
import { parseForm } from "~/http/forms";
import { getPublicDialogue } from "~/domain/dialogues/dialogues.server";
import { SubmitQuestionSchema, VoteSchema } from "~/domain/questions/questions.schema";
import { dialogueAcceptsQuestions, getSnapshot, myQuestions, myVotes, publicTally, ruleLabels, setVote, submitQuestion } from "~/domain/questions/qa.server";

export async function loadQaPanel(ctx: AppLoadContext, dialogueId: number) {
  const [snapshot, votes, mine, tally, accepts, rules] = await Promise.all([
    getSnapshot(ctx.db, dialogueId),
    myVotes(ctx.db, dialogueId, ctx.participantId),
    myQuestions(ctx.db, dialogueId, ctx.participantId),
    publicTally(ctx.db, dialogueId),
    dialogueAcceptsQuestions(ctx.db, dialogueId),
    ruleLabels(ctx.db),
  ]);
  return {
    dialogueId,
    snapshot,
    myVotes: votes,
    mine,
    tally,
    accepts,
    rules,
    idempotencyKey: crypto.randomUUID(),
    operator: ctx.config.SERVICE_OPERATOR,
  };
}

export async function handleQaForm(ctx: AppLoadContext, dialogueId: number, form: FormData) {
  const dialogue = await getPublicDialogue(ctx.db, dialogueId);
  if (!dialogue) return { status: 404, body: { ok: false as const, errors: { _form: "qa.errors.notFound" } } };
  form.set("dialogueId", String(dialogueId));
  const intent = form.get("intent");
  if (intent === "ask") {
    // What the resident typed comes back with a refusal, so a page rendered without JavaScript keeps it.
    const values = { text: String(form.get("text") ?? ""), displayName: String(form.get("displayName") ?? "") };
    const parsed = parseForm(SubmitQuestionSchema, form);
    if (!parsed.ok) return { status: 400, body: { ok: false as const, intent: "ask" as const, errors: parsed.errors, values } };
    const result = await submitQuestion(ctx.db, { ...parsed.data, participantId: ctx.participantId }, ctx.clock.now(), formGate(ctx, "qa.ask"));
    if (!result.ok && result.error === "too_many_requests") {
      return {
        status: 429,
        headers: retryAfterHeaders(result.retryAfterSeconds),
        body: { ok: false as const, intent: "ask" as const, errors: budgetFormErrors(), values },
      };
    }
    if (!result.ok) {
      const { status, errors } = formErrors(qaErrorInfo(result.error));
      return { status, body: { ok: false as const, intent: "ask" as const, errors, values } };
    }
    publishQaEffects(ctx.publisher, dialogueId, result.effects);
    return {
      status: 200,
      body: { ok: true as const, intent: "ask" as const, duplicate: result.duplicate, questionId: result.questionId, nextKey: crypto.randomUUID() },
    };
  }
  if (intent === "vote") {
    const questionId = Number(form.get("questionId")) || null;
    const parsed = parseForm(VoteSchema, form);
    if (!parsed.ok) return { status: 400, body: { ok: false as const, intent: "vote" as const, questionId, errors: parsed.errors } };
    const refused = await checkBudget(ctx, "qa.vote", parsed.data.questionId);
    if (refused) {
      return {
        status: 429,
        headers: retryAfterHeaders(refused.retryAfterSeconds),
        body: { ok: false as const, intent: "vote" as const, questionId, errors: budgetFormErrors() },
      };
    }
    const result = await setVote(ctx.db, { ...parsed.data, participantId: ctx.participantId }, ctx.clock.now());
    if (!result.ok) {
      const { status, errors } = formErrors(qaErrorInfo(result.error));
      return { status, body: { ok: false as const, intent: "vote" as const, questionId, errors } };
    }
    publishQaEffects(ctx.publisher, dialogueId, result.effects);
    return {
      status: 200,
      body: {
        ok: true as const,
        intent: "vote" as const,
        questionId: parsed.data.questionId,
        voted: result.voted,
        votes: result.votes,
        version: result.version,
      },
    };
  }
  return { status: 400, body: { ok: false as const, errors: { _form: "errors.malformedForm" } } };
}
