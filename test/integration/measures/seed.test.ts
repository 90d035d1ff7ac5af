import { expect, it } from "vitest";
import { createTestDb } from "../../helpers/db";
import { seedDemo } from "../../../db/seed";
import { getMeasure, listMeasures } from "../../../app/domain/measures/measures.server";

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
