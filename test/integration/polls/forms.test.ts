import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { publisherFor } from "~/realtime/server.server";
import type { PollResultsUpdate } from "~/realtime/polls.events";
import { action as pollAction, loader as pollLoader } from "~/routes/dialoger.$id_.omrostningar";
import { action as staffAction } from "~/routes/personal.dialoger.$id_.omrostningar";
import { createTestDb } from "../../helpers/db";
import { makeStaff } from "../../helpers/factories";
import { staffCookie, testContext } from "../../helpers/context";
import { call, nextEvent, startRealtime } from "../../helpers/realtime";
import { makeQaDialogue } from "../../helpers/qa";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;
let mod: { cookie: string; csrfToken: string };

const ctx = (participantId: string) => testContext(db, { participantId, publisher: publisherFor(rt.io) });

/** A form post as a browser without JavaScript sends it (repeated fields for checkboxes). */
function post(url: string, fields: Array<[string, string]>, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

async function staffPost(dialogueId: number, fields: Array<[string, string]>) {
  const res = (await staffAction({
    request: post(`/personal/dialoger/${dialogueId}/omrostningar`, [["_csrf", mod.csrfToken], ...fields], { Cookie: mod.cookie }),
    params: { id: String(dialogueId) },
    context: ctx(crypto.randomUUID()),
  })) as Response;
  return { status: res.status, body: (await res.json()) as { ok: boolean; pollId: number | null; errors?: Record<string, string> } };
}

async function answerForm(dialogueId: number, participantId: string, pollId: number, choices: string[], key = crypto.randomUUID()) {
  const res = (await pollAction({
    request: post(`/dialoger/${dialogueId}/omrostningar`, [
      ["pollId", String(pollId)],
      ["idempotencyKey", key],
      ...choices.map((c): [string, string] => ["choice", c]),
    ]),
    params: { id: String(dialogueId) },
    context: ctx(participantId),
  })) as Response;
  return { status: res.status, body: (await res.json()) as { ok: boolean; errors?: Record<string, string>; choices?: number[] } };
}

beforeAll(async () => {
  db = await createTestDb();
  rt = await startRealtime(db);
  const staff = await makeStaff(db, { role: "moderator" });
  const at = new Date().toISOString();
  // Moderators sign in with a second factor (MFA_REQUIRED_ROLES): this one has it set up.
  await db.insertInto("staff_mfa").values({ staff_id: staff.id, secret_enc: "v1.test", created_at: at, confirmed_at: at, last_used_step: null }).execute();
  mod = await staffCookie(db, staff.id);
});
afterAll(async () => {
  await rt.close();
  await db.destroy();
});

describe("polls without JavaScript", () => {
  it("a moderator prepares and runs a poll with form posts; residents answer with plain posts and sockets see the results", async () => {
    const dialogue = await makeQaDialogue(db);
    const bad = await staffPost(dialogue.id, [
      ["intent", "create"],
      ["kind", "multiple"],
      ["question", "Vad behövs?"],
      ["options", "Belysning"],
    ]);
    expect(bad).toMatchObject({ status: 400, body: { ok: false, errors: { options: "polls.errors.tooFewOptions" } } });
    const created = await staffPost(dialogue.id, [
      ["intent", "create"],
      ["kind", "multiple"],
      ["question", "Vad behövs?"],
      ["options", "Belysning\nFler vuxna ute\nKlippta buskar"],
    ]);
    expect(created.status).toBe(200);
    const pollId = created.body.pollId!;
    expect(
      (
        await staffPost(dialogue.id, [
          ["intent", "control"],
          ["pollId", String(pollId)],
          ["action", "open"],
        ])
      ).status,
    ).toBe(200);
    expect(
      (
        await staffPost(dialogue.id, [
          ["intent", "control"],
          ["pollId", String(pollId)],
          ["action", "reveal"],
        ])
      ).status,
    ).toBe(200);

    const watcher = await rt.resident();
    await call(watcher, "poll:join", { dialogueId: dialogue.id });
    const seen = nextEvent<PollResultsUpdate>(watcher, "poll:results");
    const device = crypto.randomUUID();
    const key = crypto.randomUUID();
    const first = await answerForm(dialogue.id, device, pollId, ["0", "2"], key);
    expect(first).toMatchObject({ status: 200, body: { ok: true, choices: [0, 2] } });
    expect((await seen).polls[0]!.results).toMatchObject({ total: 1, counts: [1, 0, 1] });

    // The same post again (a double click, a resend) is the same answer; a new answer is refused.
    expect(await answerForm(dialogue.id, device, pollId, ["0", "2"], key)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await answerForm(dialogue.id, device, pollId, ["1"])).toMatchObject({
      status: 409,
      body: { ok: false, errors: { _form: "polls.errors.alreadyAnswered" } },
    });
    expect(await answerForm(dialogue.id, crypto.randomUUID(), pollId, [])).toMatchObject({
      status: 400,
      body: { errors: { choices: "polls.errors.choiceRequired" } },
    });
    const other = await makeQaDialogue(db);
    expect(await answerForm(other.id, crypto.randomUUID(), pollId, ["1"])).toMatchObject({
      status: 400,
      body: { errors: { _form: "polls.errors.otherDialogue" } },
    });

    // The page shows the device's own answer on its next render.
    const page = (await pollLoader({
      request: new Request(`http://localhost/dialoger/${dialogue.id}/omrostningar`),
      params: { id: String(dialogue.id) },
      context: ctx(device),
    })) as Response;
    const data = (await page.json()) as { polls: { mine: Record<number, number[]>; polls: Array<{ results: { total: number } | null }> } };
    expect(data.polls.mine).toEqual({ [pollId]: [0, 2] });
    expect(data.polls.polls[0]!.results!.total).toBe(1);

    expect(
      (
        await staffPost(dialogue.id, [
          ["intent", "control"],
          ["pollId", String(pollId)],
          ["action", "close"],
        ])
      ).status,
    ).toBe(200);
    expect(await answerForm(dialogue.id, crypto.randomUUID(), pollId, ["1"])).toMatchObject({
      status: 409,
      body: { errors: { _form: "polls.errors.closed" } },
    });
    expect(
      await staffPost(dialogue.id, [
        ["intent", "control"],
        ["pollId", String(pollId)],
        ["action", "open"],
      ]),
    ).toMatchObject({ status: 409, body: { errors: { _form: "polls.errors.invalidTransition" } } });
  });

  it("a resident cannot use the staff page's actions", async () => {
    const dialogue = await makeQaDialogue(db);
    const res = await staffAction({
      request: post(`/personal/dialoger/${dialogue.id}/omrostningar`, [
        ["intent", "create"],
        ["kind", "safety"],
      ]),
      params: { id: String(dialogue.id) },
      context: ctx(crypto.randomUUID()),
    }).catch((e: unknown) => e);
    expect(res instanceof Response ? res.status : 0).toBeGreaterThanOrEqual(300);
    expect(await db.selectFrom("polls").select("id").where("dialogue_id", "=", dialogue.id).execute()).toEqual([]);
  });
});
