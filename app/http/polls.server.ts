/**
 * Form posts of live polls (no JavaScript, or a socket that is down) and the page data. They
 * call the same domain functions as the socket handlers (~/realtime/poll-handlers.server.ts)
 * and publish through the same Publisher after the commit.
 */
import crypto from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import type { StaffUser } from "~/domain/staff/session.server";
import { answerPoll, controlPoll, createPoll, myPollAnswers, publicPolls, staffPolls } from "~/domain/polls/polls.server";
import { CreatePollSchema, PollAnswerSchema, PollControlSchema } from "~/domain/polls/polls.schema";
import { getPublicDialogue } from "~/domain/dialogues/dialogues.server";
import { POLL_ERRORS, formErrors, retryAfterHeaders } from "~/http/errors";
import { issuesToErrors, parseForm } from "~/http/forms";
import { budgetFormErrors, formGate } from "~/http/limits.server";
import { publishPollEffects } from "~/realtime/poll-publisher.server";

/** What a resident's poll panel needs: the public polls, this device's answers, a fresh idempotency key. */
export async function loadPolls(ctx: AppLoadContext, dialogueId: number) {
  const [polls, mine] = await Promise.all([publicPolls(ctx.db, dialogueId), myPollAnswers(ctx.db, dialogueId, ctx.participantId)]);
  return { dialogueId, polls, mine, idempotencyKey: crypto.randomUUID() };
}
export type PollPanelData = Awaited<ReturnType<typeof loadPolls>>;

/** The answer of a poll form post; the page shows it at that poll. */
export type PollFormResult =
  | { intent: "poll"; ok: true; pollId: number; choices: number[]; duplicate: boolean; nextKey: string }
  | { intent: "poll"; ok: false; pollId: number | null; errors: Record<string, string>; nextKey: string };

export async function handlePollAnswerForm(
  ctx: AppLoadContext,
  dialogueId: number,
  form: FormData,
): Promise<{ status: number; headers?: Record<string, string>; body: PollFormResult }> {
  const pollId = Number(form.get("pollId")) || null;
  const nextKey = crypto.randomUUID();
  const fail = (status: number, errors: Record<string, string>, headers?: Record<string, string>) => ({
    status,
    headers,
    body: { intent: "poll" as const, ok: false as const, pollId, errors, nextKey },
  });
  if (!(await getPublicDialogue(ctx.db, dialogueId))) return fail(404, { _form: "qa.errors.notFound" });
  // Checkboxes send one `choice` field each; formValues would keep only the last.
  const parsed = PollAnswerSchema.safeParse({
    dialogueId,
    pollId: form.get("pollId"),
    choices: form.getAll("choice"),
    idempotencyKey: form.get("idempotencyKey"),
  });
  if (!parsed.success) return fail(400, issuesToErrors(parsed.error.issues));
  if (!ctx.participantId) return fail(403, { _form: "qa.errors.noParticipant" });
  const result = await answerPoll(
    ctx.db,
    { ...parsed.data, participantId: ctx.participantId },
    ctx.clock.now(),
    formGate(ctx, "poll.answer", parsed.data.pollId),
  );
  if (!result.ok && result.error === "too_many_requests") return fail(429, budgetFormErrors(), retryAfterHeaders(result.retryAfterSeconds));
  if (!result.ok) {
    const { status, errors } = formErrors(POLL_ERRORS[result.error]);
    return fail(status, errors);
  }
  publishPollEffects(ctx.publisher, ctx.db, result.effects);
  return { status: 200, body: { intent: "poll", ok: true, pollId: result.pollId, choices: result.choices, duplicate: result.duplicate, nextKey } };
}

export async function loadStaffPolls(ctx: AppLoadContext, dialogueId: number) {
  return { polls: await staffPolls(ctx.db, dialogueId) };
}

export type StaffPollFormResult =
  | { ok: true; intent: "create" | "control"; pollId: number | null }
  | { ok: false; intent: string; pollId: number | null; errors: Record<string, string>; values?: Record<string, string> };

/** The staff poll page's posts: prepare a poll, or open/close/reveal/hide/delete one. */
export async function handleStaffPollForm(
  ctx: AppLoadContext,
  staff: StaffUser,
  dialogueId: number,
  form: FormData,
): Promise<{ status: number; body: StaffPollFormResult }> {
  const intent = String(form.get("intent") ?? "");
  form.set("dialogueId", String(dialogueId));
  const pollId = Number(form.get("pollId")) || null;
  if (intent === "create") {
    const parsed = parseForm(CreatePollSchema, form);
    if (!parsed.ok) return { status: 400, body: { ok: false, intent, pollId, errors: parsed.errors, values: parsed.values } };
    const r = await createPoll(ctx.db, staff, parsed.data, ctx.clock.now());
    if (!r.ok) return { status: 404, body: { ok: false, intent, pollId, errors: formErrors(POLL_ERRORS[r.error]).errors } };
    publishPollEffects(ctx.publisher, ctx.db, r.effects);
    return { status: 200, body: { ok: true, intent, pollId: r.pollId } };
  }
  if (intent === "control") {
    const parsed = parseForm(PollControlSchema, form);
    if (!parsed.ok) return { status: 400, body: { ok: false, intent, pollId, errors: parsed.errors } };
    const r = await controlPoll(ctx.db, staff, parsed.data, ctx.clientIp, ctx.clock.now());
    if (!r.ok) {
      const { status, errors } = formErrors(POLL_ERRORS[r.error]);
      return { status, body: { ok: false, intent, pollId, errors } };
    }
    publishPollEffects(ctx.publisher, ctx.db, r.effects);
    return { status: 200, body: { ok: true, intent, pollId } };
  }
  return { status: 400, body: { ok: false, intent, pollId, errors: { _form: "errors.malformedForm" } } };
}
