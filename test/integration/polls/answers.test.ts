import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { answerPoll, controlPoll, createPoll, publicPolls, staffPolls } from "~/domain/polls/polls.server";
import { CreatePollSchema } from "~/domain/polls/polls.schema";
import { createTestDb } from "../../helpers/db";
import { makeStaff } from "../../helpers/factories";
import { makeQaDialogue } from "../../helpers/qa";

let db: DB;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.destroy();
});

async function openPoll(kind: "single" | "multiple" | "safety" = "single") {
  const dialogue = await makeQaDialogue(db);
  const staff = await makeStaff(db, { role: "moderator" });
  const created = await createPoll(
    db,
    staff,
    CreatePollSchema.parse({ dialogueId: dialogue.id, kind, question: "Var känns det otryggt?", options: "Parken\nTorget\nTunneln" }),
  );
  if (!created.ok) throw new Error(created.error);
  const opened = await controlPoll(db, staff, { dialogueId: dialogue.id, pollId: created.pollId, action: "open" }, null);
  expect(opened.ok).toBe(true);
  return { dialogue, staff, pollId: created.pollId };
}

const answer = (dialogueId: number, pollId: number, participantId: string, choices: number[], key: string = crypto.randomUUID()) =>
  answerPoll(db, { dialogueId, pollId, choices, idempotencyKey: key, participantId });

describe("poll answers", () => {
  it("once per device under concurrency: twenty answers at once from one device store one", async () => {
    const { dialogue, pollId } = await openPoll();
    const device = crypto.randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => answer(dialogue.id, pollId, device, [i % 3])));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === "already_answered")).toHaveLength(19);
    const stored = await db.selectFrom("poll_answers").select("id").where("poll_id", "=", pollId).execute();
    expect(stored).toHaveLength(1);
  });

  it("a retry with the same idempotency key is one answer, acknowledged every time", async () => {
    const { dialogue, pollId } = await openPoll();
    const device = crypto.randomUUID();
    const key = crypto.randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => answer(dialogue.id, pollId, device, [1], key)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    expect(results.every((r) => r.ok && r.choices[0] === 1)).toBe(true);
    const [poll] = await staffPolls(db, dialogue.id);
    expect(poll!.results!.total).toBe(1);
    expect(poll!.results!.counts).toEqual([0, 1, 0]);
  });

  it("many devices at once: each counted once", async () => {
    const { dialogue, pollId } = await openPoll("multiple");
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => answer(dialogue.id, pollId, crypto.randomUUID(), i % 2 ? [0, 2] : [1])));
    expect(results.every((r) => r.ok)).toBe(true);
    const [poll] = await staffPolls(db, dialogue.id);
    expect(poll!.results).toMatchObject({ total: 30, counts: [15, 15, 15] });
  });

  it("refuses an answer after closing, for another dialogue, a second one, and a bad choice", async () => {
    const { dialogue, staff, pollId } = await openPoll();
    const other = await openPoll();
    const device = crypto.randomUUID();
    expect(await answer(dialogue.id, pollId, device, [0, 1])).toMatchObject({ ok: false, error: "invalid_choice" });
    expect(await answer(dialogue.id, pollId, device, [7])).toMatchObject({ ok: false, error: "invalid_choice" });
    expect(await answer(other.dialogue.id, pollId, device, [0])).toMatchObject({ ok: false, error: "other_dialogue" });
    const key = crypto.randomUUID();
    expect(await answer(dialogue.id, pollId, device, [0], key)).toMatchObject({ ok: true, duplicate: false });
    expect(await answer(dialogue.id, pollId, device, [1])).toMatchObject({ ok: false, error: "already_answered" });
    expect(await answer(dialogue.id, pollId, crypto.randomUUID(), [1], key)).toMatchObject({ ok: false, error: "duplicate_key_other_device" });
    await controlPoll(db, staff, { dialogueId: dialogue.id, pollId, action: "close" }, null);
    expect(await answer(dialogue.id, pollId, crypto.randomUUID(), [0])).toMatchObject({ ok: false, error: "closed" });
    // The device's own retry after closing is still the stored answer.
    expect(await answer(dialogue.id, pollId, device, [0], key)).toMatchObject({ ok: true, duplicate: true });
  });

  it("drafts are invisible and unanswerable; results are public only once revealed", async () => {
    const dialogue = await makeQaDialogue(db);
    const staff = await makeStaff(db, { role: "moderator" });
    const created = await createPoll(db, staff, CreatePollSchema.parse({ dialogueId: dialogue.id, kind: "safety" }));
    if (!created.ok) throw new Error("create");
    expect(await publicPolls(db, dialogue.id)).toEqual([]);
    expect(await answer(dialogue.id, created.pollId, crypto.randomUUID(), [0])).toMatchObject({ ok: false, error: "not_found" });
    await controlPoll(db, staff, { dialogueId: dialogue.id, pollId: created.pollId, action: "open" }, null);
    await answer(dialogue.id, created.pollId, crypto.randomUUID(), [3]);
    const [hidden] = await publicPolls(db, dialogue.id);
    expect(hidden).toMatchObject({ kind: "safety", status: "open", revealed: false, results: null });
    expect(await controlPoll(db, staff, { dialogueId: dialogue.id, pollId: created.pollId, action: "delete" }, null)).toMatchObject({
      ok: false,
      error: "invalid_transition",
    });
    await controlPoll(db, staff, { dialogueId: dialogue.id, pollId: created.pollId, action: "reveal" }, null);
    const [shown] = await publicPolls(db, dialogue.id);
    expect(shown!.results).toMatchObject({ total: 1, unsafePercent: 100 });
    const audit = await db.selectFrom("audit_log").select("action").where("target_id", "=", String(dialogue.id)).where("action", "like", "poll.%").execute();
    expect(audit.map((a) => a.action)).toEqual(["poll.create", "poll.open", "poll.reveal"]);
  });
});
