/**
 * The live room has one write path: the socket events and the no-JavaScript form
 * posts call the same domain functions and answer with the same precise codes, and
 * moderators' queues change by deltas over the socket instead of page reloads.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import type { QaQueueUpdate, QueueItem } from "~/realtime/qa.events";
import { publisherFor } from "~/realtime/server.server";
import { action as modAction } from "~/routes/personal.dialoger.$id_.fragor";
import { action as residentAction } from "~/routes/dialoger.$id_.fragor";
import { formRequest, staffCookie, testContext } from "../../helpers/context";
import { createTestDb } from "../../helpers/db";
import { makeStaff } from "../../helpers/factories";
import { makeQaDialogue } from "../../helpers/qa";
import { call, nextEvent, startRealtime, type Client } from "../../helpers/realtime";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;
let mod: { cookie: string; csrfToken: string };
let modSocket: Client;
let dialogueId: number;

beforeAll(async () => {
  db = await createTestDb();
  rt = await startRealtime(db);
  const staff = await makeStaff(db, { role: "moderator", email: "one-path@example.org" });
  mod = await staffCookie(db, staff.id);
  dialogueId = (await makeQaDialogue(db, "ongoing")).id;
  modSocket = await rt.connect({ cookie: mod.cookie });
});
afterAll(async () => {
  await rt.close();
  await db.destroy();
});

const ctx = () => testContext(db, { participantId: crypto.randomUUID(), publisher: publisherFor(rt.io) });

async function modForm(fields: Record<string, string>) {
  const res = (await modAction({
    request: formRequest(`/personal/dialoger/${dialogueId}/fragor`, { _csrf: mod.csrfToken, ...fields }, { Cookie: mod.cookie }),
    params: { id: String(dialogueId) },
    context: ctx(),
  })) as Response;
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function askOverSocket(resident: Client, text: string) {
  const res = await call<{ questionId: number }>(resident, "qa:ask", { dialogueId, text, displayName: null, idempotencyKey: crypto.randomUUID() });
  if (!res.ok) throw new Error(`ask refused: ${res.error}`);
  return res.data.questionId;
}

describe("one live path", () => {
  it("a moderator's join carries the whole queue, and each ask and decision arrives as a queue delta", async () => {
    const joined = await call<{ moderator: boolean; queue?: QueueItem[] }>(modSocket, "qa:join", { dialogueId, lastSeq: null });
    expect(joined.ok && joined.data.moderator).toBe(true);
    expect(joined.ok && joined.data.queue).toEqual([]);

    const resident = await rt.resident();
    const added = nextEvent<QaQueueUpdate>(modSocket, "qa:queue");
    const id = await askOverSocket(resident, "Varför är belysningen släckt vid tunneln?");
    const delta = await added;
    expect(delta).toMatchObject({ dialogueId, removed: [] });
    expect(delta.upserts.map((q) => [q.id, q.text])).toEqual([[id, "Varför är belysningen släckt vid tunneln?"]]);

    const left = nextEvent<QaQueueUpdate>(modSocket, "qa:queue");
    const approved = await call(modSocket, "qa:moderate", { action: "approve", dialogueId, questionId: id });
    expect(approved).toEqual({ ok: true, data: { done: true } });
    expect(await left).toEqual({ dialogueId, upserts: [], removed: [id] });
  });

  it("answer in writing with a past due date: the form and the socket give the same precise error", async () => {
    const resident = await rt.resident();
    const id = await askOverSocket(resident, "Kan ni svara skriftligt om parkens belysning?");
    await call(modSocket, "qa:moderate", { action: "approve", dialogueId, questionId: id });
    const payload = { action: "answer_in_writing", dialogueId, questionId: id, dueDate: "2020-01-01" };

    const socket = await call(modSocket, "qa:moderate", payload);
    expect(socket).toMatchObject({ ok: false, error: "invalid_state", reason: "due_date_in_past", key: "qa.errors.dueDateInPast", field: "dueDate" });

    const form = await modForm({ intent: "moderate", action: "answer_in_writing", questionId: String(id), dueDate: "2020-01-01" });
    expect(form.status).toBe(409);
    expect(form.body).toMatchObject({ ok: false, errors: { dueDate: "qa.errors.dueDateInPast" } });
  });

  it("merging into a question that is not published is refused precisely on both paths", async () => {
    const resident = await rt.resident();
    const a = await askOverSocket(resident, "Fråga ett om busshållplatsen");
    const b = await askOverSocket(await rt.resident(), "Fråga två om busshållplatsen");
    const socket = await call(modSocket, "qa:moderate", { action: "merge", dialogueId, questionId: a, intoQuestionId: b });
    expect(socket).toMatchObject({ ok: false, reason: "merge_target_not_published", key: "qa.errors.mergeTargetNotPublished", field: "intoQuestionId" });
    const form = await modForm({ intent: "moderate", action: "merge", questionId: String(a), intoQuestionId: String(b) });
    expect(form.body).toMatchObject({ ok: false, errors: { intoQuestionId: "qa.errors.mergeTargetNotPublished" } });
  });

  it("a form post (socket down) answers with the queue delta and events the socket would have sent", async () => {
    const resident = await rt.resident();
    const id = await askOverSocket(resident, "Hur går det med kamerorna vid torget?");
    const form = await modForm({ intent: "moderate", action: "approve", questionId: String(id) });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ ok: true, queue: { upserts: [], removed: [id] } });
    expect((form.body.events as Array<{ type: string }>).map((e) => e.type)).toEqual(["upsert"]);
  });

  it("residents see the public counts change live, and get them with every join", async () => {
    const resident = await rt.resident();
    const id = await askOverSocket(resident, "Köp billiga klockor här!");
    const watcher = await rt.resident();
    const joined = await call<{ counts: { rejected: Record<string, number> } }>(watcher, "qa:join", { dialogueId, lastSeq: null });
    expect(joined.ok && joined.data.counts.rejected.advertising_campaigning).toBeUndefined();
    const counts = nextEvent<{ dialogueId: number; rejected: Record<string, number> }>(watcher, "qa:counts");
    await call(modSocket, "qa:moderate", { action: "reject", dialogueId, questionId: id, rule: "advertising_campaigning" });
    expect(await counts).toMatchObject({ dialogueId, rejected: { advertising_campaigning: 1 } });
  });

  it("a resident's form post answers with precise codes too (a paused room is closed, not an invalid state)", async () => {
    await call(modSocket, "qa:submissions", { dialogueId, open: false });
    const res = (await residentAction({
      request: formRequest(`/dialoger/${dialogueId}/fragor`, { intent: "ask", text: "Hej?", displayName: "", idempotencyKey: crypto.randomUUID() }),
      params: { id: String(dialogueId) },
      context: ctx(),
    })) as Response;
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ ok: false, errors: { _form: "qa.closed" } });
    const socket = await call(await rt.resident(), "qa:ask", { dialogueId, text: "Hej?", displayName: null, idempotencyKey: crypto.randomUUID() });
    expect(socket).toMatchObject({ ok: false, error: "closed", reason: "closed", key: "qa.closed" });
    await call(modSocket, "qa:submissions", { dialogueId, open: true });
  });
});
