/**
 * The invariants of docs/decisions/010-postgresql-and-invariants.md, each fired as a burst of
 * real domain calls at once (Promise.all). On PostgreSQL (TEST_DATABASE=postgres) every
 * transaction runs on its own pool connection, truly in parallel, so these hold only because
 * of the explicit locks, compare-and-set claims and unique keys, never because one SQLite
 * connection happens to run one transaction at a time. On SQLite the same tests run unchanged.
 */
import crypto from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { register } from "~/domain/dialogues/registrations.server";
import { RegistrationFormSchema } from "~/domain/dialogues/dialogue.schema";
import { deliverPending, queueEmail } from "~/domain/email/outbox.server";
import { setVote, submitQuestion } from "~/domain/questions/qa.server";
import { submitObservation } from "~/domain/walks/observations.server";
import { ObservationSchema } from "~/domain/walks/walk.schema";
import { testConfig } from "../helpers/context";
import { makeOrganisation } from "../helpers/factories";
import { createTestDb, onPostgres } from "../helpers/db";
import { makeQaDialogue } from "../helpers/qa";
import { startSmtp } from "../helpers/smtp";
import { makeWalk, observation } from "../helpers/walks";

let db: DB;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.destroy();
});

const count = async (q: Promise<{ n: number | string | bigint }>) => Number((await q).n);

describe(`invariants under concurrency (${onPostgres() ? "PostgreSQL, parallel pool connections" : "SQLite"})`, () => {
  it("seats: 1 in-person seat and 10 registrations at once: exactly 1 confirmed, 9 waitlisted", async () => {
    const dialogue = await makeQaDialogue(db, "published");
    await db.updateTable("dialogues").set({ capacity_in_person: 1, format: "in_person" }).where("id", "=", dialogue.id).execute();
    const input = RegistrationFormSchema.parse({ mode: "in_person", acceptWaitlist: "on" });
    const results = await Promise.all(Array.from({ length: 10 }, () => register(db, testConfig(), dialogue.id, input, { baseUrl: "http://tryggve.test" })));
    const statuses = results.map((r) => (r.ok ? r.status : "refused"));
    expect(statuses.filter((s) => s === "confirmed")).toHaveLength(1);
    expect(statuses.filter((s) => s === "waitlisted")).toHaveLength(9);
    const confirmed = db
      .selectFrom("dialogue_registrations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("dialogue_id", "=", dialogue.id)
      .where("status", "=", "confirmed")
      .executeTakeFirstOrThrow();
    expect(await count(confirmed)).toBe(1);
  });

  it("without the waitlist: 1 seat and 10 registrations at once: 1 confirmed, 9 told it is full", async () => {
    const dialogue = await makeQaDialogue(db, "published");
    await db.updateTable("dialogues").set({ capacity_in_person: 1, format: "in_person" }).where("id", "=", dialogue.id).execute();
    const input = RegistrationFormSchema.parse({ mode: "in_person" });
    const results = await Promise.all(Array.from({ length: 10 }, () => register(db, testConfig(), dialogue.id, input, { baseUrl: "http://tryggve.test" })));
    expect(results.filter((r) => r.ok && r.status === "confirmed")).toHaveLength(1);
    expect(results.filter((r) => !r.ok && "errors" in r && r.errors.mode === "dialogues.errors.full")).toHaveLength(9);
  });

  it("votes: 60 residents vote on one question at once: vote_count equals the 60 vote rows", async () => {
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
    const results = await Promise.all(
      Array.from({ length: 60 }, () => setVote(db, { dialogueId, questionId: asked.questionId, voted: true, participantId: crypto.randomUUID() })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    // Each vote's answer is the count right after it: 1..60, each once.
    expect(results.map((r) => (r.ok ? r.votes : 0)).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // Each count has its own version, and a higher version never carries a lower count: a client
    // that keeps the newest version (live-state applyTallies) never shows the tally going backwards.
    const byVersion = results.map((r) => (r.ok ? [r.version, r.votes] : [0, 0])).sort((a, b) => a[0] - b[0]);
    expect(byVersion.map(([v]) => v)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(byVersion.map(([, votes]) => votes)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const q = await db.selectFrom("questions").select("vote_count").where("id", "=", asked.questionId).executeTakeFirstOrThrow();
    const rows = db
      .selectFrom("question_votes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("question_id", "=", asked.questionId)
      .executeTakeFirstOrThrow();
    expect(await count(rows)).toBe(60);
    expect(q.vote_count).toBe(60);
  });

  it("votes and unvotes at once: 40 vote, 20 of them also take it back, at the same time: the count equals the rows", async () => {
    const dialogueId = (await makeQaDialogue(db, "ongoing")).id;
    const asked = await submitQuestion(db, {
      dialogueId,
      participantId: crypto.randomUUID(),
      text: "Fråga två",
      displayName: null,
      idempotencyKey: crypto.randomUUID(),
    });
    if (!asked.ok) throw new Error("ask failed");
    await db.updateTable("questions").set({ status: "approved" }).where("id", "=", asked.questionId).execute();
    const voters = Array.from({ length: 40 }, () => crypto.randomUUID());
    await Promise.all(voters.map((participantId) => setVote(db, { dialogueId, questionId: asked.questionId, voted: true, participantId })));
    await Promise.all([
      ...voters.slice(0, 20).map((participantId) => setVote(db, { dialogueId, questionId: asked.questionId, voted: false, participantId })),
      ...Array.from({ length: 20 }, () => setVote(db, { dialogueId, questionId: asked.questionId, voted: true, participantId: crypto.randomUUID() })),
    ]);
    const q = await db.selectFrom("questions").select("vote_count").where("id", "=", asked.questionId).executeTakeFirstOrThrow();
    const rows = db
      .selectFrom("question_votes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("question_id", "=", asked.questionId)
      .executeTakeFirstOrThrow();
    expect(await count(rows)).toBe(40);
    expect(q.vote_count).toBe(40);
  });

  it("idempotent retries: the same question sent 5 times at once (one key) is stored once, and every answer names it", async () => {
    const dialogueId = (await makeQaDialogue(db, "ongoing")).id;
    const participantId = crypto.randomUUID();
    const idempotencyKey = crypto.randomUUID();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        submitQuestion(db, { dialogueId, participantId, text: "Varför är det mörkt i tunneln?", displayName: null, idempotencyKey }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = new Set(results.map((r) => (r.ok ? r.questionId : 0)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    const stored = db
      .selectFrom("questions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("dialogue_id", "=", dialogueId)
      .where("idempotency_key", "=", idempotencyKey)
      .executeTakeFirstOrThrow();
    expect(await count(stored)).toBe(1);
  });

  it("idempotent replays: an offline observation replayed 5 times at once (one key) is stored once, and no replay is refused as too fast", async () => {
    const walk = await makeWalk(db, "ongoing");
    const participantId = crypto.randomUUID();
    const input = ObservationSchema.parse(observation(walk.id, "replayed-key-0001"));
    const results = await Promise.all(Array.from({ length: 5 }, () => submitObservation(db, input, { participantId, lateWindowDays: 14 })));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true]);
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    const stored = db
      .selectFrom("walk_observations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("participant_id", "=", participantId)
      .executeTakeFirstOrThrow();
    expect(await count(stored)).toBe(1);
  });

  it("per-device limit: 10 different observations from one device at once on one walk: 1 stored", async () => {
    const walk = await makeWalk(db, "ongoing");
    const participantId = crypto.randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        submitObservation(db, ObservationSchema.parse(observation(walk.id, `burst-${String(i).padStart(4, "0")}`)), { participantId, lateWindowDays: 14 }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const stored = db
      .selectFrom("walk_observations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("participant_id", "=", participantId)
      .executeTakeFirstOrThrow();
    expect(await count(stored)).toBe(1);
  });

  it("outbox: 20 e-mails and two deliverers at once: each e-mail reaches the SMTP server exactly once", async () => {
    const smtp = await startSmtp();
    try {
      const config = testConfig({ SMTP_URL: smtp.url });
      const tag = crypto.randomBytes(4).toString("hex");
      for (let i = 0; i < 20; i++) {
        await queueEmail(db, config, { kind: "test", to: `resident${i}@example.org`, subject: `Mail ${tag} ${i}`, text: `Hej ${i}` });
      }
      const logger = pino({ level: "silent" });
      const [a, b] = await Promise.all([deliverPending(db, config, logger), deliverPending(db, config, logger)]);
      expect(a + b).toBe(20);
      const subjects = smtp.messages.map((m) => m.subject ?? "").filter((s) => s.startsWith(`Mail ${tag} `));
      expect(subjects.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `Mail ${tag} ${i}`).sort());
      const rows = await db.selectFrom("email_outbox").select(["status", "attempts"]).where("subject", "like", `Mail ${tag} %`).execute();
      expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    } finally {
      await smtp.close();
    }
  });

  it("coordinates: a latitude and longitude with 7 decimals come back exactly, in every coordinate column", async () => {
    const walk = await makeWalk(db, "ongoing");
    const lat = 59.3012345;
    const lng = 18.0012345;
    const saved = await submitObservation(db, ObservationSchema.parse(observation(walk.id, "precise-key-0001", { lat, lng })), {
      participantId: crypto.randomUUID(),
      lateWindowDays: 14,
    });
    if (!saved.ok) throw new Error(`observation refused: ${saved.error}`);
    const row = await db.selectFrom("walk_observations").select(["lat", "lng"]).where("id", "=", saved.observation.id).executeTakeFirstOrThrow();
    expect(row.lat.toFixed(7)).toBe("59.3012345");
    expect(row.lng.toFixed(7)).toBe("18.0012345");
    expect(row).toEqual({ lat, lng });

    // The other coordinate columns: walks, dialogues, measures, districts.
    await db.updateTable("walks").set({ meeting_lat: lat, meeting_lng: lng }).where("id", "=", walk.id).execute();
    const w = await db.selectFrom("walks").select(["meeting_lat", "meeting_lng", "district_id"]).where("id", "=", walk.id).executeTakeFirstOrThrow();
    expect([w.meeting_lat, w.meeting_lng]).toEqual([lat, lng]);
    const dialogue = await makeQaDialogue(db, "published");
    await db.updateTable("dialogues").set({ place_lat: lat, place_lng: lng }).where("id", "=", dialogue.id).execute();
    expect(await db.selectFrom("dialogues").select(["place_lat", "place_lng"]).where("id", "=", dialogue.id).executeTakeFirstOrThrow()).toEqual({
      place_lat: lat,
      place_lng: lng,
    });
    await db
      .updateTable("districts")
      .set({ centre_lat: lat, centre_lng: lng, bbox_south: lat, bbox_west: lng, bbox_north: lat, bbox_east: lng })
      .where("id", "=", w.district_id)
      .execute();
    const d = await db
      .selectFrom("districts")
      .select(["centre_lat", "centre_lng", "bbox_south", "bbox_west", "bbox_north", "bbox_east"])
      .where("id", "=", w.district_id)
      .executeTakeFirstOrThrow();
    expect(Object.values(d)).toEqual([lat, lng, lat, lng, lat, lng]);
    const org = await makeOrganisation(db);
    const measure = await db
      .insertInto("measures")
      .values({
        district_id: w.district_id,
        title: "Ny belysning",
        description: "Lampor längs gångvägen",
        category: "lighting",
        location_lat: lat,
        location_lng: lng,
        responsible_organisation_id: org.id,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .returning(["location_lat", "location_lng"])
      .executeTakeFirstOrThrow();
    expect(measure).toEqual({ location_lat: lat, location_lng: lng });
  });
});
