/**
 * Public budgets of the live Q&A (docs/security.md "Limits"), through the real server with
 * TRUST_PROXY on: per device and per address, over the socket and the form, sent at once.
 * Before the budgets a device could vote and unvote without end, a script that rotated cookies
 * from one address put 200 votes on one question in 1.5 s, and 61 questions from one address
 * all got in.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_BUDGETS } from "~/domain/common/rate-budgets";
import { QA_LIMITS } from "~/domain/questions/qa.server";
import { makeQaDialogue } from "../../helpers/qa";
import type { App } from "../../helpers/app";
import { ack, dataPath, postForm, socketFrom, someIp, startLimitedApp } from "../../helpers/limits";

let app: App;
beforeAll(async () => {
  app = await startLimitedApp();
});
afterAll(async () => {
  await app.close();
});

const QA_ROUTE = "routes/dialoger.$id_.fragor";

async function approvedQuestion(dialogueId: number) {
  const row = await app.db
    .insertInto("questions")
    .values({
      dialogue_id: dialogueId,
      participant_id: crypto.randomUUID(),
      idempotency_key: crypto.randomUUID(),
      text: "Kan belysningen i parken förbättras?",
      flags: "[]",
      status: "approved",
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const votesOf = async (questionId: number) => {
  const q = await app.db.selectFrom("questions").select("vote_count").where("id", "=", questionId).executeTakeFirstOrThrow();
  const rows = await app.db
    .selectFrom("question_votes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("question_id", "=", questionId)
    .executeTakeFirstOrThrow();
  return { stored: q.vote_count, rows: Number(rows.n) };
};

describe("votes", () => {
  it("one device voting and unvoting at once over the socket: exactly its budget is answered, the rest refused with rate_limited and retryAfterSeconds", async () => {
    const dialogueId = (await makeQaDialogue(app.db, "ongoing")).id;
    const questionId = await approvedQuestion(dialogueId);
    const socket = await socketFrom(app, { ip: someIp(), pid: crypto.randomUUID() });
    const budget = PUBLIC_BUDGETS["qa.vote"].device.points;
    const results = await Promise.all(
      Array.from({ length: budget + 5 }, (_, i) => ack<{ voted: boolean }>(socket, "qa:vote", { dialogueId, questionId, voted: i % 2 === 0 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(budget);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(r).toMatchObject({ ok: false, error: "rate_limited", reason: "too_many_requests", key: "limits.tooMany" });
      expect(r.retryAfterSeconds).toBeGreaterThan(0);
    }
    const { stored, rows } = await votesOf(questionId);
    expect(stored).toBe(rows);
    socket.close();
  });

  it("200 votes on one question in one burst from one address, a fresh cookie each: refused after the per-question budget, and the count is exact", async () => {
    const dialogueId = (await makeQaDialogue(app.db, "ongoing")).id;
    const questionId = await approvedQuestion(dialogueId);
    const ip = someIp();
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        postForm(app, dataPath(`/dialoger/${dialogueId}/fragor`, QA_ROUTE), { intent: "vote", questionId: String(questionId), voted: "true" }, { ip }),
      ),
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    const budget = PUBLIC_BUDGETS["qa.vote"].ipPerTarget.points;
    expect(results.filter((r) => r.status === 200)).toHaveLength(budget);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(200 - budget);
    expect(Number(refused[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused[0]!.json()).toMatchObject({ ok: false, intent: "vote", questionId, errors: { _form: "limits.tooMany" } });
    expect(await votesOf(questionId)).toEqual({ stored: budget, rows: budget });
    // Another address (another room) still votes.
    const other = await postForm(
      app,
      dataPath(`/dialoger/${dialogueId}/fragor`, QA_ROUTE),
      { intent: "vote", questionId: String(questionId), voted: "true" },
      { ip: someIp() },
    );
    expect(other.status).toBe(200);
  });

  it("a room of 100 residents behind one address voting on five questions never meets a limit", async () => {
    const dialogueId = (await makeQaDialogue(app.db, "ongoing")).id;
    const questions = await Promise.all(Array.from({ length: 5 }, () => approvedQuestion(dialogueId)));
    const ip = someIp();
    const residents = Array.from({ length: 100 }, () => crypto.randomUUID());
    const results = await Promise.all(
      residents.flatMap((pid) =>
        questions.map((questionId) =>
          postForm(app, dataPath(`/dialoger/${dialogueId}/fragor`, QA_ROUTE), { intent: "vote", questionId: String(questionId), voted: "true" }, { ip, pid }),
        ),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    for (const q of questions) expect(await votesOf(q)).toEqual({ stored: 100, rows: 100 });
  });
});

describe("questions", () => {
  it("one device asking in three dialogues at once over the socket: its budget holds across dialogues", async () => {
    const dialogues = await Promise.all([1, 2, 3].map(() => makeQaDialogue(app.db, "ongoing")));
    const socket = await socketFrom(app, { ip: someIp(), pid: crypto.randomUUID() });
    const asks = dialogues.flatMap((d) =>
      Array.from({ length: QA_LIMITS.perMinute }, (_, i) =>
        ack(socket, "qa:ask", { dialogueId: d.id, text: `Fråga ${i} om gångtunneln`, displayName: null, idempotencyKey: crypto.randomUUID() }),
      ),
    );
    const results = await Promise.all(asks);
    const budget = PUBLIC_BUDGETS["qa.ask"].device.points;
    expect(results.filter((r) => r.ok)).toHaveLength(budget);
    expect(results.filter((r) => !r.ok).every((r) => r.reason === "too_many_requests" && (r.retryAfterSeconds ?? 0) > 0)).toBe(true);
    socket.close();
  });

  it("questions from one address with a fresh cookie each: exactly the address's budget is stored, the rest get 429, Retry-After, the message and their text back", async () => {
    const dialogueId = (await makeQaDialogue(app.db, "ongoing")).id;
    const ip = someIp();
    const budget = PUBLIC_BUDGETS["qa.ask"].ip.points;
    const results = await Promise.all(
      Array.from({ length: budget + 10 }, (_, i) =>
        postForm(
          app,
          dataPath(`/dialoger/${dialogueId}/fragor`, QA_ROUTE),
          { intent: "ask", text: `Skript-fråga nummer ${i}`, displayName: "", idempotencyKey: crypto.randomUUID() },
          { ip },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(budget);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(10);
    const body = (await refused[0]!.json()) as { errors: Record<string, string>; values: { text: string } };
    expect(body.errors).toEqual({ _form: "limits.tooMany" });
    expect(body.values.text).toMatch(/^Skript-fråga nummer \d+$/);
    const stored = await app.db
      .selectFrom("questions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("dialogue_id", "=", dialogueId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(budget);

    // Without JavaScript the page itself answers 429 with the Swedish message next to the form and the text kept.
    const page = await postForm(
      app,
      `/dialoger/${dialogueId}/fragor`,
      { intent: "ask", text: "Min fråga som inte får försvinna", displayName: "", idempotencyKey: crypto.randomUUID() },
      { ip },
    );
    expect(page.status).toBe(429);
    expect(page.headers.get("retry-after")).toMatch(/^\d+$/);
    const html = await page.text();
    expect(html).toContain("för många försök på kort tid");
    expect(html).toContain("Min fråga som inte får försvinna");
  });

  it("a retried question (same idempotency key) is never refused by a budget", async () => {
    const dialogueId = (await makeQaDialogue(app.db, "ongoing")).id;
    const socket = await socketFrom(app, { ip: someIp(), pid: crypto.randomUUID() });
    const key = crypto.randomUUID();
    const first = await ack<{ questionId: number }>(socket, "qa:ask", { dialogueId, text: "Varför är lampan släckt?", displayName: null, idempotencyKey: key });
    expect(first.ok).toBe(true);
    const budget = PUBLIC_BUDGETS["qa.ask"].device.points;
    const retries = await Promise.all(
      Array.from({ length: budget + 2 }, () => ack(socket, "qa:ask", { dialogueId, text: "Varför är lampan släckt?", displayName: null, idempotencyKey: key })),
    );
    expect(retries.every((r) => r.ok)).toBe(true);
    socket.close();
  });
});
