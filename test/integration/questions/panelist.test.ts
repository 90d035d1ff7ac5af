import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { action as panelistAction, loader as panelistLoader } from "~/routes/personal.fragor.mina";
import { fixedClock } from "~/clock";
import { moderate, submitQuestion } from "~/domain/questions/qa.server";
import { createTestDb } from "../../helpers/db";
import { makeOrganisation, makeStaff } from "../../helpers/factories";
import { formRequest, staffCookie, testContext } from "../../helpers/context";
import { makeQaDialogue } from "../../helpers/qa";

let db: DB;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.destroy();
});

describe("panelists answer what is assigned to them", () => {
  it("sees only questions assigned to their organisation, answers with the organisation's name, and is audited", async () => {
    const dialogue = await makeQaDialogue(db);
    const housing = await makeOrganisation(db, { name: "Familjebostäder test" });
    const police = await makeOrganisation(db, { name: "Polisen test" });
    const moderator = await makeStaff(db, { role: "moderator" });
    const housingPanelist = await makeStaff(db, { role: "panelist", organisation_id: housing.id });
    const policePanelist = await makeStaff(db, { role: "panelist", organisation_id: police.id });

    const asked = await submitQuestion(db, {
      dialogueId: dialogue.id,
      text: "När lagas porten i hus 4?",
      displayName: null,
      idempotencyKey: crypto.randomUUID(),
      participantId: crypto.randomUUID(),
    });
    const other = await submitQuestion(db, {
      dialogueId: dialogue.id,
      text: "Hur många inbrott var det i fjol?",
      displayName: null,
      idempotencyKey: crypto.randomUUID(),
      participantId: crypto.randomUUID(),
    });
    if (!asked.ok || !other.ok) throw new Error("setup");
    for (const id of [asked.questionId, other.questionId]) {
      await moderate(db, moderator, { action: "approve", dialogueId: dialogue.id, questionId: id }, null);
    }
    await moderate(
      db,
      moderator,
      { action: "assign", dialogueId: dialogue.id, questionId: asked.questionId, assigneeType: "organisation", assigneeId: housing.id },
      null,
    );
    await moderate(
      db,
      moderator,
      { action: "assign", dialogueId: dialogue.id, questionId: other.questionId, assigneeType: "organisation", assigneeId: police.id },
      null,
    );

    const h = await staffCookie(db, housingPanelist.id);
    const list = (await panelistLoader({
      request: new Request("http://localhost/x", { headers: { Cookie: h.cookie } }),
      params: {},
      context: testContext(db),
    })) as Response;
    const items = ((await list.json()) as { items: Array<{ id: number }> }).items;
    expect(items.map((i) => i.id)).toEqual([asked.questionId]);

    // Answering another organisation's question is refused, says why, and changes nothing.
    const refused = (await panelistAction({
      request: formRequest("/personal/fragor/mina", { _csrf: h.csrfToken, questionId: String(other.questionId), answer: "Vet ej" }, { Cookie: h.cookie }),
      params: {},
      context: testContext(db),
    })) as Response;
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors).toEqual({ _form: "qa.errors.wrongOrganisation" });
    expect((await db.selectFrom("questions").select("status").where("id", "=", other.questionId).executeTakeFirstOrThrow()).status).toBe("approved");

    const ok = (await panelistAction({
      request: formRequest(
        "/personal/fragor/mina",
        { _csrf: h.csrfToken, questionId: String(asked.questionId), answer: "Porten lagas på måndag." },
        { Cookie: h.cookie },
      ),
      params: {},
      context: testContext(db, { clock: fixedClock("2026-06-15T19:05:00+02:00") }),
    })) as Response;
    expect(ok.status).toBe(200);
    const row = await db.selectFrom("questions").selectAll().where("id", "=", asked.questionId).executeTakeFirstOrThrow();
    // Answered at the app clock's time, not the machine's.
    expect(row).toMatchObject({
      status: "answered",
      answer: "Porten lagas på måndag.",
      answered_by: "Familjebostäder test",
      moderated_at: "2026-06-15T17:05:00.000Z",
    });
    const audit = await db.selectFrom("audit_log").select(["action", "actor_staff_id"]).where("action", "=", "qa.mark_answered").execute();
    expect(audit).toContainEqual({ action: "qa.mark_answered", actor_staff_id: housingPanelist.id });

    const p = await staffCookie(db, policePanelist.id);
    const policeList = (await panelistLoader({
      request: new Request("http://localhost/x", { headers: { Cookie: p.cookie } }),
      params: {},
      context: testContext(db),
    })) as Response;
    expect(((await policeList.json()) as { items: Array<{ id: number }> }).items.map((i) => i.id)).toEqual([other.questionId]);
  });

  it("refuses the page to a resident and an empty answer", async () => {
    const res = await panelistLoader({ request: new Request("http://localhost/x"), params: {}, context: testContext(db) }).catch((e: unknown) => e);
    expect((res as Response).status).toBe(302);
    const org = await makeOrganisation(db);
    const panelist = await makeStaff(db, { role: "panelist", organisation_id: org.id });
    const c = await staffCookie(db, panelist.id);
    const empty = (await panelistAction({
      request: formRequest("/personal/fragor/mina", { _csrf: c.csrfToken, questionId: "1", answer: "  " }, { Cookie: c.cookie }),
      params: {},
      context: testContext(db),
    })) as Response;
    expect(empty.status).toBe(400);
  });
});
