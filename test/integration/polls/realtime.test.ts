import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import type { PublicPoll } from "~/domain/polls/polls.schema";
import type { PollJoinResult, PollResultsUpdate } from "~/realtime/polls.events";
import { createTestDb } from "../../helpers/db";
import { makeStaff } from "../../helpers/factories";
import { staffCookie } from "../../helpers/context";
import { call, nextEvent, recordEvents, startRealtime, type Client } from "../../helpers/realtime";
import { makeQaDialogue } from "../../helpers/qa";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;

beforeAll(async () => {
  db = await createTestDb();
  rt = await startRealtime(db);
});
afterAll(async () => {
  await rt.close();
  await db.destroy();
});

async function moderatorSocket() {
  const mod = await makeStaff(db, { role: "moderator" });
  // Moderators sign in with a second factor (MFA_REQUIRED_ROLES): this one has it set up.
  const at = new Date().toISOString();
  await db.insertInto("staff_mfa").values({ staff_id: mod.id, secret_enc: "v1.test", created_at: at, confirmed_at: at, last_used_step: null }).execute();
  const { cookie } = await staffCookie(db, mod.id);
  return rt.connect({ cookie });
}

async function preparedPoll(mod: Client, dialogueId: number) {
  const { createPoll } = await import("~/domain/polls/polls.server");
  const staff = await makeStaff(db, { role: "moderator" });
  const created = await createPoll(db, staff, { dialogueId, kind: "single", question: "Var behövs mer belysning?", options: ["Parken", "Tunneln"] });
  if (!created.ok) throw new Error(created.error);
  expect((await call(mod, "poll:join", { dialogueId })).ok).toBe(true);
  return created.pollId;
}

const answer = (s: Client, dialogueId: number, pollId: number, choices: number[], idempotencyKey: string = crypto.randomUUID()) =>
  call<{ pollId: number; choices: number[]; duplicate: boolean }>(s, "poll:answer", { dialogueId, pollId, choices, idempotencyKey });

describe("live polls over socket.io", () => {
  it("a moderator opens a poll, residents answer, results reach everyone only once revealed, and a reconnect replays them", async () => {
    const dialogue = await makeQaDialogue(db);
    const mod = await moderatorSocket();
    const pollId = await preparedPoll(mod, dialogue.id);
    const residents = await Promise.all([rt.resident(), rt.resident(), rt.resident()]);
    for (const r of residents) {
      const joined = await call<PollJoinResult>(r, "poll:join", { dialogueId: dialogue.id });
      expect(joined.ok && joined.data.polls).toEqual([]); // drafts are never public
    }

    const opened = residents.map((r) => nextEvent<PublicPoll>(r, "poll:state"));
    expect((await call(mod, "poll:control", { dialogueId: dialogue.id, pollId, action: "open" })).ok).toBe(true);
    for (const p of await Promise.all(opened)) expect(p).toMatchObject({ id: pollId, status: "open", revealed: false, results: null });

    // Before the reveal: staff get the results, residents do not.
    const publicResults = recordEvents<PollResultsUpdate>(residents[2]!, "poll:results");
    const staffSees = nextEvent<PollResultsUpdate>(mod, "poll:results", { where: (u) => u.polls[0]?.results.total === 2 });
    const acks = await Promise.all([answer(residents[0]!, dialogue.id, pollId, [0]), answer(residents[1]!, dialogue.id, pollId, [1])]);
    expect(acks.every((a) => a.ok)).toBe(true);
    expect((await staffSees).polls[0]!.results.counts).toEqual([1, 1]);

    // A second answer from the same device is refused with its message key.
    const twice = await answer(residents[0]!, dialogue.id, pollId, [1]);
    expect(twice).toMatchObject({ ok: false, error: "invalid_state", reason: "already_answered", key: "polls.errors.alreadyAnswered" });

    const revealed = nextEvent<PublicPoll>(residents[2]!, "poll:state", { where: (p) => p.revealed });
    expect((await call(mod, "poll:control", { dialogueId: dialogue.id, pollId, action: "reveal" })).ok).toBe(true);
    expect((await revealed).results).toMatchObject({ total: 2, counts: [1, 1], percents: [50, 50] });
    // Barrier: the reveal arrived after every unrevealed results update would have; none reached the resident.
    expect(publicResults).toEqual([]);

    // The third resident drops off; a vote arrives while it is away; on rejoin the snapshot has it.
    residents[2]!.disconnect();
    const live = nextEvent<PollResultsUpdate>(residents[0]!, "poll:results", { where: (u) => u.polls[0]?.results.total === 3 });
    expect((await answer(await rt.resident(), dialogue.id, pollId, [0])).ok).toBe(true);
    expect((await live).polls[0]!.results.counts).toEqual([2, 1]);
    residents[2]!.connect();
    await new Promise<void>((r) => residents[2]!.once("connect", () => r()));
    const rejoined = await call<PollJoinResult>(residents[2]!, "poll:join", { dialogueId: dialogue.id });
    expect(rejoined.ok && rejoined.data.polls[0]).toMatchObject({ id: pollId, revealed: true, results: { total: 3, counts: [2, 1] } });

    // A device's own answer is in its snapshot; a retry with the same key is the same answer.
    const first = await call<PollJoinResult>(residents[0]!, "poll:join", { dialogueId: dialogue.id });
    expect(first.ok && first.data.mine).toEqual({ [pollId]: [0] });

    const closed = nextEvent<PublicPoll>(residents[1]!, "poll:state", { where: (p) => p.status === "closed" });
    expect((await call(mod, "poll:control", { dialogueId: dialogue.id, pollId, action: "close" })).ok).toBe(true);
    await closed;
    const late = await answer(await rt.resident(), dialogue.id, pollId, [0]);
    expect(late).toMatchObject({ ok: false, error: "closed", key: "polls.errors.closed" });
  });

  it("coalesces results: a burst of answers gives far fewer updates than answers", async () => {
    const dialogue = await makeQaDialogue(db);
    const mod = await moderatorSocket();
    const pollId = await preparedPoll(mod, dialogue.id);
    await call(mod, "poll:control", { dialogueId: dialogue.id, pollId, action: "open" });
    await call(mod, "poll:control", { dialogueId: dialogue.id, pollId, action: "reveal" });
    const watcher = await rt.resident();
    await call(watcher, "poll:join", { dialogueId: dialogue.id });
    const updates = recordEvents<PollResultsUpdate>(watcher, "poll:results");
    const devices = await Promise.all(Array.from({ length: 40 }, () => rt.resident()));
    const last = nextEvent<PollResultsUpdate>(watcher, "poll:results", { where: (u) => u.polls[0]?.results.total === 40 });
    const acks = await Promise.all(devices.map((d, i) => answer(d, dialogue.id, pollId, [i % 2])));
    expect(acks.filter((a) => a.ok)).toHaveLength(40);
    expect((await last).polls[0]!.results.counts).toEqual([20, 20]);
    expect(updates.length).toBeLessThan(10);
  });

  it("refuses a resident's control, an answer without a device cookie, and a poll of another dialogue", async () => {
    const dialogue = await makeQaDialogue(db);
    const other = await makeQaDialogue(db);
    const mod = await moderatorSocket();
    const pollId = await preparedPoll(mod, dialogue.id);
    await call(mod, "poll:control", { dialogueId: dialogue.id, pollId, action: "open" });
    const resident = await rt.resident();
    expect(await call(resident, "poll:control", { dialogueId: dialogue.id, pollId, action: "close" })).toMatchObject({ ok: false, error: "forbidden" });
    const anonymous = await rt.connect({});
    expect(await answer(anonymous, dialogue.id, pollId, [0])).toMatchObject({ ok: false, error: "forbidden" });
    expect(await answer(resident, other.id, pollId, [0])).toMatchObject({ ok: false, reason: "other_dialogue", key: "polls.errors.otherDialogue" });
    expect(await call(resident, "poll:answer", { dialogueId: dialogue.id, pollId, choices: [], idempotencyKey: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: "invalid_payload",
    });
  });
});
