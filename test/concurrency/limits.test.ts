/**
 * Guarantees that must hold under a burst, not only because one process happens to
 * serialise writers: every guarded read-then-write locks its parent row first
 * (app/domain/common/locks.ts). Each test sends the burst concurrently.
 *
 * The questions burst got 20 of 20 in before the lock (the count was read outside
 * the transaction). The seats and pins bursts already held on SQLite, because
 * Kysely's SQLite driver runs one transaction at a time; they are here so the same
 * tests prove the explicit lock when the suite runs on PostgreSQL.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { register } from "~/domain/dialogues/registrations.server";
import { RegistrationFormSchema } from "~/domain/dialogues/dialogue.schema";
import { QA_LIMITS, setVote, submitQuestion } from "~/domain/questions/qa.server";
import { submitObservation } from "~/domain/walks/observations.server";
import { ObservationSchema } from "~/domain/walks/walk.schema";
import { testConfig } from "../helpers/context";
import { makeWalk, observation } from "../helpers/walks";
import { createTestDb } from "../helpers/db";
import { makeQaDialogue } from "../helpers/qa";

let db: DB;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.destroy();
});

describe("bursts from one device", () => {
  it("20 questions sent at once from one device: exactly the per-minute limit gets in", async () => {
    const dialogueId = (await makeQaDialogue(db, "ongoing")).id;
    const participantId = crypto.randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submitQuestion(db, { dialogueId, participantId, text: `Fråga nummer ${i} om parken`, displayName: null, idempotencyKey: crypto.randomUUID() }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(QA_LIMITS.perMinute);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === "rate_limited")).toBe(true);
    const stored = await db
      .selectFrom("questions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("participant_id", "=", participantId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(QA_LIMITS.perMinute);
  });

  it("the same vote sent 30 times at once counts once, and the stored count equals the vote rows", async () => {
    const dialogueId = (await makeQaDialogue(db, "ongoing")).id;
    const asked = await submitQuestion(db, {
      dialogueId,
      participantId: crypto.randomUUID(),
      text: "Röstfråga",
      displayName: null,
      idempotencyKey: crypto.randomUUID(),
    });
    if (!asked.ok) throw new Error("ask failed");
    await db.updateTable("questions").set({ status: "approved" }).where("id", "=", asked.questionId).execute();
    const voters = Array.from({ length: 10 }, () => crypto.randomUUID());
    await Promise.all(
      voters.flatMap((participantId) => [1, 2, 3].map(() => setVote(db, { dialogueId, questionId: asked.questionId, voted: true, participantId }))),
    );
    const q = await db.selectFrom("questions").select("vote_count").where("id", "=", asked.questionId).executeTakeFirstOrThrow();
    const rows = await db
      .selectFrom("question_votes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("question_id", "=", asked.questionId)
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(10);
    expect(q.vote_count).toBe(10);
  });

  it("10 pins sent at once from one device: one gets in, the rest are told to wait", async () => {
    const walk = await makeWalk(db, "ongoing");
    const participantId = crypto.randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        submitObservation(db, ObservationSchema.parse(observation(walk.id, `burst-key-${String(i).padStart(4, "0")}`)), { participantId, lateWindowDays: 14 }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === "walks.errors.tooFast")).toBe(true);
  });
});

describe("bursts from many devices", () => {
  it("50 registrations at once for 25 in-person seats: exactly 25 seats are confirmed, the rest go to the waitlist", async () => {
    const dialogue = await makeQaDialogue(db, "published");
    await db.updateTable("dialogues").set({ capacity_in_person: 25, format: "in_person" }).where("id", "=", dialogue.id).execute();
    const input = RegistrationFormSchema.parse({ mode: "in_person", acceptWaitlist: "on" });
    const results = await Promise.all(Array.from({ length: 50 }, () => register(db, testConfig(), dialogue.id, input, { baseUrl: "http://tryggve.test" })));
    const statuses = results.map((r) => (r.ok ? r.status : "refused"));
    expect(statuses.filter((s) => s === "confirmed")).toHaveLength(25);
    expect(statuses.filter((s) => s === "waitlisted")).toHaveLength(25);
  });
});

describe("two moderators at once", () => {
  it("two moderators approving one waiting question at the same time: one approval, one refusal, one audit entry", async () => {
    const { moderate } = await import("~/domain/questions/qa.server");
    const { makeStaff } = await import("../helpers/factories");
    const dialogueId = (await makeQaDialogue(db, "ongoing")).id;
    const asked = await submitQuestion(db, {
      dialogueId,
      participantId: crypto.randomUUID(),
      text: "Vem ansvarar för belysningen?",
      displayName: null,
      idempotencyKey: crypto.randomUUID(),
    });
    if (!asked.ok) throw new Error("ask failed");
    const a = await makeStaff(db, { role: "moderator", email: "race-a@example.org" });
    const b = await makeStaff(db, { role: "moderator", email: "race-b@example.org" });
    const results = await Promise.all([a, b].map((staff) => moderate(db, staff, { action: "approve", dialogueId, questionId: asked.questionId }, null)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: "invalid_transition" });
    const audits = await db.selectFrom("audit_log").select("action").where("target_id", "=", String(asked.questionId)).execute();
    expect(audits.filter((r) => r.action === "qa.approve")).toHaveLength(1);
  });
});
