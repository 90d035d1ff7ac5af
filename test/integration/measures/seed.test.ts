import { expect, it } from "vitest";
import { createTestDb } from "../../helpers/db";
import { seedDemo } from "../../../db/seed";
import pino from "pino";
import { getMeasure, listMeasures } from "~/domain/measures/measures.server";
import { runDialogueJobsOnce } from "~/domain/dialogues/jobs.server";
import { testConfig } from "../../helpers/context";

it("seeds demo measures in two districts with consistent timelines: one overdue, one done, one verified", async () => {
  const db = await createTestDb();
  await seedDemo(db, { hashPassword: async () => "not-a-real-hash" });
  const all = await listMeasures(db);
  expect(all).toHaveLength(6);
  expect(new Set(all.map((m) => m.districtSlug))).toEqual(new Set(["hagersten-alvsjo", "skarpnack"]));
  expect(new Set(all.map((m) => m.organisationName))).toEqual(new Set(["Stockholmshem", "Trafikkontoret", "Polisen, lokalpolisområde Globen"]));
  expect(all.filter((m) => m.overdue).map((m) => m.organisationName)).toEqual(["Stockholmshem"]);
  expect(all.map((m) => m.status).sort()).toEqual(["accepted", "done", "planned", "sent", "sent", "verified"]);
  const linked = all.find((m) => m.title.startsWith("Ny belysning längs gångvägen"))!;
  const page = (await getMeasure(db, linked.id))!;
  expect(page.sources).toEqual([expect.objectContaining({ type: "question", answeredBy: "Trafikkontoret", contextTitle: "Trygghetsdialog i Bagarmossen" })]);
  for (const s of all) {
    const m = (await getMeasure(db, s.id))!;
    const statuses = m.timeline.map((e) => e.toStatus);
    expect(statuses[0]).toBe("proposed");
    expect(statuses.at(-1)).toBe(m.status);
    for (let i = 1; i < m.timeline.length; i++) {
      expect(m.timeline[i].fromStatus).toBe(statuses[i - 1]);
      expect(m.timeline[i].at >= m.timeline[i - 1].at).toBe(true);
    }
  }
  await db.destroy();
});

it("forgets unconfirmed follow requests after a week in the periodic job, keeps confirmed ones", async () => {
  const db = await createTestDb();
  await seedDemo(db, { hashPassword: async () => "not-a-real-hash" });
  const [m] = await listMeasures(db, { openOnly: true });
  const old = new Date(Date.now() - 8 * 86400e3).toISOString();
  await db
    .insertInto("measure_followers")
    .values([
      { measure_id: m.id, email: "glomd@example.org", token_hash: "a", created_at: old, confirmed_at: null },
      { measure_id: m.id, email: "bekraftad@example.org", token_hash: "b", created_at: old, confirmed_at: old },
      { measure_id: m.id, email: "ny@example.org", token_hash: "c", created_at: new Date().toISOString(), confirmed_at: null },
    ])
    .execute();
  const r = await runDialogueJobsOnce({ db, config: testConfig(), logger: pino({ level: "silent" }) });
  expect(r.purgedFollowers).toBe(1);
  expect((await db.selectFrom("measure_followers").select("email").orderBy("email").execute()).map((f) => f.email)).toEqual([
    "bekraftad@example.org",
    "ny@example.org",
  ]);
  await db.destroy();
});
