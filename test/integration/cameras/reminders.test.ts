/** Yearly review reminders from the background job: once per due date when due soon, once more when overdue. */
import { beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import type { DB } from "../../../db/connection";
import { seedDemo } from "../../../db/seed";
import { createTestDb } from "../../helpers/db";
import { testConfig } from "../../helpers/context";
import { addCalendarDays, calendarDate } from "~/domain/common/time";
import { runDialogueJobsOnce } from "~/domain/dialogues/jobs.server";

let db: DB;
const deps = () => ({ db, config: testConfig(), logger: pino({ level: "silent" }) });
const outbox = () => db.selectFrom("email_outbox").selectAll().where("kind", "=", "camera_review_reminder").orderBy("id").execute();

beforeAll(async () => {
  db = await createTestDb();
  await seedDemo(db, { hashPassword: async () => "not-a-real-hash" });
});

describe("camera review reminders", () => {
  it("reminds the owner once of an overdue review", async () => {
    const now = new Date();
    const first = await runDialogueJobsOnce(deps(), now);
    expect(first.cameraReminders).toBe(1);
    const mails = await outbox();
    expect(mails).toHaveLength(1);
    expect(mails[0].to_address).toBe("trygghet@stockholmshem.example");
    expect(mails[0].subject).toContain("Försenad årlig granskning av kameran: Skarpnäcks centrum");
    expect(mails[0].text_body).toMatch(/\/personal\/kameror\/\d+\/granskning/);
    expect((await runDialogueJobsOnce(deps(), now)).cameraReminders).toBe(0);
    expect(await outbox()).toHaveLength(1);
  });

  it("reminds once when a review falls due within 30 days, and again when it is overdue", async () => {
    const today = calendarDate(new Date());
    const cam = await db.selectFrom("cameras").select("id").where("name", "=", "Gångtunneln vid Mälarhöjdens tunnelbana").executeTakeFirstOrThrow();
    await db
      .updateTable("cameras")
      .set({ review_due: addCalendarDays(today, 10) })
      .where("id", "=", cam.id)
      .execute();
    expect((await runDialogueJobsOnce(deps(), new Date())).cameraReminders).toBe(1);
    expect((await runDialogueJobsOnce(deps(), new Date())).cameraReminders).toBe(0);
    const later = new Date(Date.now() + 12 * 86400e3);
    expect((await runDialogueJobsOnce(deps(), later)).cameraReminders).toBe(1);
    const subjects = (await outbox()).map((m) => m.subject);
    expect(subjects.filter((s) => s.includes("Mälarhöjden"))).toEqual([
      "Dags för årlig granskning av kameran: Gångtunneln vid Mälarhöjdens tunnelbana / Time for the yearly review of the camera: Gångtunneln vid Mälarhöjdens tunnelbana",
      "Försenad årlig granskning av kameran: Gångtunneln vid Mälarhöjdens tunnelbana / Overdue yearly review of the camera: Gångtunneln vid Mälarhöjdens tunnelbana",
    ]);
  });
});
