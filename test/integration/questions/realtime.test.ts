import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import type { QaEvent, QaPrivateNotice } from "~/realtime/qa.events";
import { createTestDb } from "../../helpers/db";
import { makeStaff } from "../../helpers/factories";
import { staffCookie } from "../../helpers/context";
import { call, nextEvent, recordEvents, startRealtime } from "../../helpers/realtime";
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

const connect = (cookie: string) => rt.connect({ cookie });
const resident = () => rt.resident();

async function moderatorSocket() {
  const mod = await makeStaff(db, { role: "moderator" });
  const { cookie } = await staffCookie(db, mod.id);
  return connect(cookie);
}

describe("live Q&A over socket.io", () => {
  it("submit → waiting → approve → every client receives it with a sequence number", async () => {
    const dialogue = await makeQaDialogue(db);
    const mod = await moderatorSocket();
    const asker = await resident();
    const watchers = await Promise.all([resident(), resident(), resident()]);
    for (const s of [mod, asker, ...watchers]) {
      const joined = await call<{ moderator: boolean }>(s, "qa:join", { dialogueId: dialogue.id });
      expect(joined.ok).toBe(true);
    }
    const queueNotice = nextEvent<{ dialogueId: number }>(mod, "qa:queue");
    const asked = await call<{ questionId: number; status: string }>(asker, "qa:ask", {
      dialogueId: dialogue.id,
      text: "Varför är belysningen i gångtunneln trasig?",
      displayName: null,
      idempotencyKey: crypto.randomUUID(),
    });
    expect(asked.ok && asked.data.status).toBe("waiting");
    expect((await queueNotice).dialogueId).toBe(dialogue.id);

    const received = watchers.map((w) => nextEvent<QaEvent>(w, "qa:event"));
    const approved = await call(mod, "qa:moderate", { action: "approve", dialogueId: dialogue.id, questionId: asked.ok ? asked.data.questionId : 0 });
    expect(approved.ok).toBe(true);
    for (const event of await Promise.all(received)) {
      expect(event.type).toBe("upsert");
      expect(event.seq).toBe(1);
      expect(event.type === "upsert" && event.question.text).toBe("Varför är belysningen i gångtunneln trasig?");
    }
  });

  it("reject → only the asker learns the rule, privately", async () => {
    const dialogue = await makeQaDialogue(db);
    const mod = await moderatorSocket();
    const asker = await resident();
    const other = await resident();
    for (const s of [mod, asker, other]) await call(s, "qa:join", { dialogueId: dialogue.id });
    const asked = await call<{ questionId: number }>(asker, "qa:ask", {
      dialogueId: dialogue.id,
      text: "Köp billiga solglasögon på min sajt",
      idempotencyKey: crypto.randomUUID(),
    });
    const questionId = asked.ok ? asked.data.questionId : 0;
    const privateToOther = recordEvents<QaPrivateNotice>(other, "qa:private");
    const eventsToOther = recordEvents<QaEvent>(other, "qa:event");
    const notice = nextEvent<QaPrivateNotice>(asker, "qa:private");
    const res = await call(mod, "qa:moderate", { action: "reject", dialogueId: dialogue.id, questionId, rule: "advertising_campaigning" });
    expect(res.ok).toBe(true);
    expect(await notice).toEqual({ dialogueId: dialogue.id, questionId, status: "rejected", rule: "advertising_campaigning" });
    // Barrier: a question approved after the rejection is the first thing `other` hears; messages on one socket arrive in order.
    const third = await resident();
    await call(third, "qa:join", { dialogueId: dialogue.id });
    const next = await call<{ questionId: number }>(third, "qa:ask", {
      dialogueId: dialogue.id,
      text: "Kan ni laga lampan vid skolan?",
      idempotencyKey: crypto.randomUUID(),
    });
    const markerId = next.ok ? next.data.questionId : -1;
    const published = nextEvent<QaEvent>(other, "qa:event");
    expect((await call(mod, "qa:moderate", { action: "approve", dialogueId: dialogue.id, questionId: markerId })).ok).toBe(true);
    await published;
    expect(privateToOther).toEqual([]);
    expect(eventsToOther.map((e) => (e.type === "upsert" ? e.question.id : e.type))).toEqual([markerId]);
  });

  it("refuses a resident's approve attempt and logs it", async () => {
    const dialogue = await makeQaDialogue(db);
    const asker = await resident();
    await call(asker, "qa:join", { dialogueId: dialogue.id });
    const asked = await call<{ questionId: number }>(asker, "qa:ask", {
      dialogueId: dialogue.id,
      text: "Godkänn mig själv?",
      idempotencyKey: crypto.randomUUID(),
    });
    const res = await call(asker, "qa:moderate", { action: "approve", dialogueId: dialogue.id, questionId: asked.ok ? asked.data.questionId : 0 });
    expect(res).toMatchObject({ ok: false, error: "forbidden" });
    const q = await db
      .selectFrom("questions")
      .select("status")
      .where("id", "=", asked.ok ? asked.data.questionId : 0)
      .executeTakeFirstOrThrow();
    expect(q.status).toBe("waiting");
    const logged = await db.selectFrom("audit_log").selectAll().where("action", "=", "qa.refused").where("target_id", "=", String(dialogue.id)).execute();
    expect(logged).toHaveLength(1);
  });

  it("does not duplicate a retried submit (same idempotency key)", async () => {
    const dialogue = await makeQaDialogue(db);
    const asker = await resident();
    const key = crypto.randomUUID();
    const payload = { dialogueId: dialogue.id, text: "Samma fråga två gånger?", idempotencyKey: key };
    const [a, b] = await Promise.all([
      call<{ questionId: number }>(asker, "qa:ask", payload),
      call<{ questionId: number; duplicate: boolean }>(asker, "qa:ask", payload),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(a.ok && b.ok && a.data.questionId === b.data.questionId).toBe(true);
    const rows = await db.selectFrom("questions").select("id").where("dialogue_id", "=", dialogue.id).execute();
    expect(rows).toHaveLength(1);
  });

  it("a client that missed events while disconnected gets exactly those on re-join, in order", async () => {
    const dialogue = await makeQaDialogue(db);
    const mod = await moderatorSocket();
    await call(mod, "qa:join", { dialogueId: dialogue.id });
    const asker = await resident();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call<{ questionId: number }>(asker, "qa:ask", {
        dialogueId: dialogue.id,
        text: `Fråga nummer ${i} om parken`,
        idempotencyKey: crypto.randomUUID(),
      });
      if (r.ok) ids.push(r.data.questionId);
    }
    await call(mod, "qa:moderate", { action: "approve", dialogueId: dialogue.id, questionId: ids[0] });
    const watcher = await resident();
    const first = await call<{ sync: { mode: string; snapshot?: { seq: number; questions: unknown[] } } }>(watcher, "qa:join", { dialogueId: dialogue.id });
    expect(first.ok && first.data.sync.mode).toBe("snapshot");
    const lastSeq = first.ok ? first.data.sync.snapshot!.seq : -1;
    expect(lastSeq).toBe(1);
    watcher.disconnect();

    await call(mod, "qa:moderate", { action: "approve", dialogueId: dialogue.id, questionId: ids[1] });
    await call(mod, "qa:moderate", { action: "start_answering", dialogueId: dialogue.id, questionId: ids[0] });
    await call(mod, "qa:moderate", { action: "reject", dialogueId: dialogue.id, questionId: ids[2], rule: "off_topic" });

    watcher.connect();
    await new Promise<void>((r) => watcher.once("connect", () => r()));
    const again = await call<{ sync: { mode: string; events: QaEvent[] } }>(watcher, "qa:join", { dialogueId: dialogue.id, lastSeq });
    expect(again.ok && again.data.sync.mode).toBe("replay");
    const events = again.ok ? again.data.sync.events : [];
    expect(events.map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(events.map((e) => e.type)).toEqual(["upsert", "upsert", "current"]);
  });

  it("votes once per participant, tallies arrive coalesced, and the stored tally equals the acknowledged votes", async () => {
    const dialogue = await makeQaDialogue(db);
    const mod = await moderatorSocket();
    await call(mod, "qa:join", { dialogueId: dialogue.id });
    const asker = await resident();
    const asked = await call<{ questionId: number }>(asker, "qa:ask", {
      dialogueId: dialogue.id,
      text: "Kan ni röja slyet vid busshållplatsen?",
      idempotencyKey: crypto.randomUUID(),
    });
    const questionId = asked.ok ? asked.data.questionId : 0;
    await call(mod, "qa:moderate", { action: "approve", dialogueId: dialogue.id, questionId });

    const voters = await Promise.all(Array.from({ length: 12 }, () => resident()));
    const tallies: number[] = [];
    mod.on("qa:tally", (u) => tallies.push(...u.tallies.map((t) => t.votes)));
    const acks = await Promise.all(voters.map((v) => call<{ votes: number }>(v, "qa:vote", { dialogueId: dialogue.id, questionId, voted: true })));
    expect(acks.every((a) => a.ok)).toBe(true);
    // A second vote from the same participant does not count twice.
    await call(voters[0], "qa:vote", { dialogueId: dialogue.id, questionId, voted: true });
    // Each vote is stored before it is acknowledged.
    const stored = await db.selectFrom("questions").select("vote_count").where("id", "=", questionId).executeTakeFirstOrThrow();
    expect(stored.vote_count).toBe(12);
    // The coalesced tally catches up on its own schedule: wait for it to say 12.
    await expect.poll(() => tallies.at(-1), { timeout: 3000 }).toBe(12);
    expect(tallies.length).toBeLessThan(12);
  });

  it("refuses malformed payloads, ids of another dialogue and floods without crashing", async () => {
    const d1 = await makeQaDialogue(db);
    const d2 = await makeQaDialogue(db);
    const mod = await moderatorSocket();
    const asker = await resident();
    expect(await call(asker, "qa:ask", { dialogueId: "x", text: 5 })).toMatchObject({ ok: false, error: "invalid_payload" });
    expect(await call(asker, "qa:ask", { dialogueId: d1.id, text: "x".repeat(501), idempotencyKey: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: "invalid_payload",
      key: "qa.errors.tooLong",
      field: "text",
    });
    const asked = await call<{ questionId: number }>(asker, "qa:ask", {
      dialogueId: d1.id,
      text: "<script>alert(1)</script> är det tryggt?",
      idempotencyKey: crypto.randomUUID(),
    });
    const questionId = asked.ok ? asked.data.questionId : 0;
    expect(await call(mod, "qa:moderate", { action: "approve", dialogueId: d2.id, questionId })).toMatchObject({ ok: false, error: "not_found" });
    // More than 3 questions a minute from one participant are refused.
    const flood = [];
    for (let i = 0; i < 4; i++) flood.push(await call(asker, "qa:ask", { dialogueId: d1.id, text: `Spam ${i}`, idempotencyKey: crypto.randomUUID() }));
    expect(flood.some((r) => !r.ok && r.error === "rate_limited")).toBe(true);
    // The stored text is exactly what was sent: escaping happens at render time.
    const row = await db.selectFrom("questions").select("text").where("id", "=", questionId).executeTakeFirstOrThrow();
    expect(row.text).toBe("<script>alert(1)</script> är det tryggt?");
    expect(asker.connected).toBe(true);
  });
});
