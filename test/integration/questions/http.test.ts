import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { publisherFor } from "~/realtime/server.server";
import type { QaEvent } from "~/realtime/qa.events";
import { action as residentAction, loader as residentLoader } from "~/routes/dialoger.$id_.fragor";
import { action as modAction, loader as modLoader } from "~/routes/personal.dialoger.$id_.fragor";
import { action as writtenAction, loader as writtenLoader } from "~/routes/personal.fragor.skriftliga";
import { fixedClock } from "~/clock";
import { createTestDb } from "../../helpers/db";
import { makeOrganisation, makeStaff } from "../../helpers/factories";
import { formRequest, staffCookie, testContext } from "../../helpers/context";
import { call, recordEvents, startRealtime } from "../../helpers/realtime";
import { makeQaDialogue } from "../../helpers/qa";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;
let mod: { cookie: string; csrfToken: string };
let dialogueId: number;
let events: QaEvent[] = [];

const pid = (): string => crypto.randomUUID();
const ctx = (participantId = pid(), extra: Parameters<typeof testContext>[1] = {}) =>
  testContext(db, { participantId, publisher: publisherFor(rt.io), ...extra });

async function ask(participantId: string, text: string, key = crypto.randomUUID()) {
  const res = (await residentAction({
    request: formRequest(`/dialoger/${dialogueId}/fragor`, { intent: "ask", text, displayName: "", idempotencyKey: key }),
    params: { id: String(dialogueId) },
    context: ctx(participantId),
  })) as Response;
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function moderateForm(fields: Record<string, string>, auth = mod, extra: Parameters<typeof testContext>[1] = {}) {
  const res = (await modAction({
    request: formRequest(`/personal/dialoger/${dialogueId}/fragor`, { _csrf: auth.csrfToken, intent: "moderate", ...fields }, { Cookie: auth.cookie }),
    params: { id: String(dialogueId) },
    context: ctx(pid(), extra),
  })) as Response;
  return { status: res.status, body: (await res.json()) as { ok: boolean; errors?: Record<string, string> } };
}

async function latestQuestionId() {
  return (await db.selectFrom("questions").select("id").orderBy("id", "desc").executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  db = await createTestDb();
  rt = await startRealtime(db);
  const moderator = await makeStaff(db, { role: "moderator", email: "mod-http@example.org" });
  mod = await staffCookie(db, moderator.id);
  dialogueId = (await makeQaDialogue(db, "ongoing")).id;
  const watcher = await rt.resident();
  await call(watcher, "qa:join", { dialogueId });
  events = recordEvents<QaEvent>(watcher, "qa:event");
});
afterAll(async () => {
  await rt.close();
  await db.destroy();
});

describe("Q&A through form posts (no JavaScript)", () => {
  it("a resident asks; the question waits, flagged, in the moderator's queue", async () => {
    const resident = pid();
    const r = await ask(resident, "Ring mig på 070-123 45 67 om gatlampan");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, duplicate: false });
    const page = (await residentLoader({
      request: new Request(`http://localhost/dialoger/${dialogueId}/fragor`),
      params: { id: String(dialogueId) },
      context: ctx(resident),
    })) as Response;
    const data = (await page.json()) as { qa: { mine: Array<{ status: string }>; snapshot: { questions: unknown[] } } };
    expect(data.qa.mine[0].status).toBe("waiting");
    expect(data.qa.snapshot.questions).toHaveLength(0);

    const queue = (await modLoader({
      request: new Request("http://localhost/x", { headers: { Cookie: mod.cookie } }),
      params: { id: String(dialogueId) },
      context: ctx(),
    })) as Response;
    const q = (await queue.json()) as { queue: Array<{ text: string; flags: Array<{ kind: string; match: string }> }> };
    expect(q.queue[0].flags).toContainEqual(expect.objectContaining({ kind: "phone", match: "070-123 45 67" }));
  });

  it("refuses empty and over-long questions with field messages, saving nothing", async () => {
    const before = (await db.selectFrom("questions").select("id").execute()).length;
    const empty = await ask(pid(), "   ");
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual({ text: "errors.required" });
    const long = await ask(pid(), "å".repeat(501));
    expect(long.body.errors).toEqual({ text: "qa.errors.tooLong" });
    expect((await db.selectFrom("questions").select("id").execute()).length).toBe(before);
  });

  it("edit for privacy and approve: public text changes, the original is kept hidden with who and why", async () => {
    const id = await latestQuestionId();
    const r = await moderateForm({ action: "edit_and_approve", questionId: String(id), text: "Kan gatlampan lagas?", reason: "Telefonnummer borttaget" });
    expect(r.body.ok).toBe(true);
    const row = await db.selectFrom("questions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: "approved",
      text: "Kan gatlampan lagas?",
      original_text: "Ring mig på 070-123 45 67 om gatlampan",
      edit_reason: "Telefonnummer borttaget",
    });
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "qa.edit_and_approve").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? "{}")).toMatchObject({ reason: "Telefonnummer borttaget" });
    await expect.poll(() => events.some((e) => e.type === "upsert" && e.question.id === id)).toBe(true);
    const published = events.find((e) => e.type === "upsert" && e.question.id === id);
    expect(published && published.type === "upsert" && published.question.text).toBe("Kan gatlampan lagas?");
    expect(JSON.stringify(events)).not.toContain("070-123");
  });

  it("votes without JavaScript, once per participant; merging combines votes", async () => {
    const target = await latestQuestionId();
    const voters = [pid(), pid(), pid()];
    for (const v of voters) {
      const res = (await residentAction({
        request: formRequest(`/dialoger/${dialogueId}/fragor`, { intent: "vote", questionId: String(target), voted: "true" }),
        params: { id: String(dialogueId) },
        context: ctx(v),
      })) as Response;
      expect(((await res.json()) as { votes: number }).votes).toBeGreaterThan(0);
    }
    const dupAsker = pid();
    await ask(dupAsker, "Laga gatlampan snälla");
    const dup = await latestQuestionId();
    await moderateForm({ action: "approve", questionId: String(dup) });
    await residentAction({
      request: formRequest(`/dialoger/${dialogueId}/fragor`, { intent: "vote", questionId: String(dup), voted: "true" }),
      params: { id: String(dialogueId) },
      context: ctx(voters[0]),
    });
    await residentAction({
      request: formRequest(`/dialoger/${dialogueId}/fragor`, { intent: "vote", questionId: String(dup), voted: "true" }),
      params: { id: String(dialogueId) },
      context: ctx(dupAsker),
    });
    const merged = await moderateForm({ action: "merge", questionId: String(dup), intoQuestionId: String(target) });
    expect(merged.body.ok).toBe(true);
    const row = await db.selectFrom("questions").select(["vote_count"]).where("id", "=", target).executeTakeFirstOrThrow();
    expect(row.vote_count).toBe(4); // 3 + dupAsker; voters[0] counted once
    expect((await db.selectFrom("questions").select("status").where("id", "=", dup).executeTakeFirstOrThrow()).status).toBe("merged");
  });

  it("reject tells the asker the rule and the public tally counts it by rule", async () => {
    const asker = pid();
    await ask(asker, "Rösta på mitt parti i valet!");
    const id = await latestQuestionId();
    expect((await moderateForm({ action: "reject", questionId: String(id), rule: "advertising_campaigning" })).body.ok).toBe(true);
    const bad = await moderateForm({ action: "reject", questionId: String(id), rule: "not-a-rule" });
    expect(bad.status).toBe(400);
    const page = (await residentLoader({ request: new Request("http://localhost/x"), params: { id: String(dialogueId) }, context: ctx(asker) })) as Response;
    const data = (await page.json()) as { qa: { mine: Array<{ status: string; rule: string }>; tally: { rejected: Record<string, number> } } };
    expect(data.qa.mine[0]).toMatchObject({ status: "rejected", rule: "advertising_campaigning" });
    expect(data.qa.tally.rejected).toEqual({ advertising_campaigning: 1 });
  });

  it("one question answering at a time; answered-in-writing gets a due date and is published later", async () => {
    const a = pid();
    await ask(a, "Fråga A om trafiken");
    const qa = await latestQuestionId();
    await ask(pid(), "Fråga B om trafiken vid skolan");
    const qb = await latestQuestionId();
    await moderateForm({ action: "approve", questionId: String(qa) });
    await moderateForm({ action: "approve", questionId: String(qb) });
    await moderateForm({ action: "start_answering", questionId: String(qa) });
    await moderateForm({ action: "start_answering", questionId: String(qb) });
    const statuses = await db.selectFrom("questions").select(["id", "status"]).where("id", "in", [qa, qb]).execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [qa]: "approved", [qb]: "answering_now" });

    // 00:30 on 29 March 2026 in Stockholm (23:30 on the 28th in UTC), the night the clocks go forward:
    // the default due date is 14 Stockholm calendar days later, 12 April, whatever UTC says.
    const moderatedAt = "2026-03-28T23:30:00Z";
    const r = await moderateForm({ action: "answer_in_writing", questionId: String(qa), dueDate: "" }, mod, { clock: fixedClock(moderatedAt) });
    expect(r.body.ok).toBe(true);
    const due = await db.selectFrom("questions").select("written_due_date").where("id", "=", qa).executeTakeFirstOrThrow();
    expect(due.written_due_date).toBe("2026-04-12");

    const writtenList = async (at: string) => {
      const list = (await writtenLoader({
        request: new Request("http://localhost/x", { headers: { Cookie: mod.cookie } }),
        params: {},
        context: ctx(pid(), { clock: fixedClock(at) }),
      })) as Response;
      return ((await list.json()) as { items: Array<{ id: number; dueDate: string; overdue: boolean }> }).items.find((i) => i.id === qa);
    };
    // Due on the 12th: not overdue at 23:59 that day in Stockholm, overdue a minute later.
    expect(await writtenList("2026-04-12T23:59:00+02:00")).toMatchObject({ dueDate: "2026-04-12", overdue: false });
    expect((await writtenList("2026-04-13T00:00:00+02:00"))?.overdue).toBe(true);

    const missing = (await writtenAction({
      request: formRequest(
        "/personal/fragor/skriftliga",
        { _csrf: mod.csrfToken, dialogueId: String(dialogueId), questionId: String(qa), answer: "" },
        { Cookie: mod.cookie },
      ),
      params: {},
      context: ctx(),
    })) as Response;
    expect(missing.status).toBe(400);
    const ok = (await writtenAction({
      request: formRequest(
        "/personal/fragor/skriftliga",
        {
          _csrf: mod.csrfToken,
          dialogueId: String(dialogueId),
          questionId: String(qa),
          answer: "Trafikkontoret sätter upp farthinder i vår.",
          answeredBy: "Trafikkontoret",
        },
        { Cookie: mod.cookie },
      ),
      params: {},
      context: ctx(),
    })) as Response;
    expect(ok.status).toBe(200);
    const row = await db.selectFrom("questions").selectAll().where("id", "=", qa).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "answered", answer: "Trafikkontoret sätter upp farthinder i vår.", answered_by: "Trafikkontoret" });
  });

  it("pausing submissions closes the ask form for residents", async () => {
    const res = (await modAction({
      request: formRequest(`/personal/dialoger/${dialogueId}/fragor`, { _csrf: mod.csrfToken, intent: "submissions", open: "false" }, { Cookie: mod.cookie }),
      params: { id: String(dialogueId) },
      context: ctx(),
    })) as Response;
    expect(res.status).toBe(200);
    const r = await ask(pid(), "Går det att fråga nu?");
    expect(r.body).toMatchObject({ ok: false, errors: { _form: "qa.closed" } });
    await modAction({
      request: formRequest(`/personal/dialoger/${dialogueId}/fragor`, { _csrf: mod.csrfToken, intent: "submissions", open: "true" }, { Cookie: mod.cookie }),
      params: { id: String(dialogueId) },
      context: ctx(),
    });
    expect((await ask(pid(), "Och nu?")).body.ok).toBe(true);
  });

  it("refuses the moderator page to a panelist and a moderation post without CSRF", async () => {
    const org = await makeOrganisation(db);
    const panelist = await makeStaff(db, { role: "panelist", organisation_id: org.id });
    const p = await staffCookie(db, panelist.id);
    const res = await modLoader({
      request: new Request("http://localhost/x", { headers: { Cookie: p.cookie } }),
      params: { id: String(dialogueId) },
      context: ctx(),
    }).catch((e: unknown) => e);
    expect((res as Response).status).toBe(403);
    const id = await latestQuestionId();
    const noCsrf = await modAction({
      request: formRequest(
        `/personal/dialoger/${dialogueId}/fragor`,
        { intent: "moderate", action: "approve", questionId: String(id) },
        { Cookie: mod.cookie },
      ),
      params: { id: String(dialogueId) },
      context: ctx(),
    }).catch((e: unknown) => e);
    expect((noCsrf as Response).status).toBe(403);
  });

  it("does not show a draft dialogue's Q&A to residents", async () => {
    const draft = await makeQaDialogue(db, "draft");
    const res = await residentLoader({ request: new Request("http://localhost/x"), params: { id: String(draft.id) }, context: ctx() }).catch((e: unknown) => e);
    expect((res as Response).status).toBe(404);
  });
});
