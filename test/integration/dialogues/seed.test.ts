import { expect, it } from "vitest";
import { createTestDb } from "../../helpers/db";
import { seedDemo } from "../../../db/seed";
import { listPast, listUpcoming } from "~/domain/dialogues/dialogues.server";

it("seeds demo dialogues: upcoming ones in the future, a draft, and a past one with återkoppling", async () => {
  const db = await createTestDb();
  await seedDemo(db, { hashPassword: async () => "not-a-real-hash" });
  const upcoming = await listUpcoming(db, {});
  expect(upcoming.length).toBe(2);
  for (const d of upcoming) expect(Date.parse(d.startsAt)).toBeGreaterThan(Date.now());
  const past = await listPast(db, {});
  expect(past.map((d) => d.status)).toEqual(["feedback_published"]);
  const drafts = await db.selectFrom("dialogues").select("id").where("status", "=", "draft").execute();
  expect(drafts).toHaveLength(1);
  await db.destroy();
});
