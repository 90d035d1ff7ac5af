import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { action as rulesAction, loader as rulesLoader } from "~/routes/personal.fragor.regler";
import { action as residentAction, loader as residentLoader } from "~/routes/dialoger.$id_.fragor";
import { action as modAction } from "~/routes/personal.dialoger.$id_.fragor";
import { createTestDb } from "../../helpers/db";
import { makeStaff } from "../../helpers/factories";
import { formRequest, staffCookie, testContext } from "../../helpers/context";
import { makeQaDialogue } from "../../helpers/qa";

let db: DB;
let admin: { cookie: string; csrfToken: string };
let moderator: { cookie: string; csrfToken: string };

beforeAll(async () => {
  db = await createTestDb();
  admin = await staffCookie(db, (await makeStaff(db, { role: "admin" })).id);
  moderator = await staffCookie(db, (await makeStaff(db, { role: "moderator" })).id);
});
afterAll(async () => {
  await db.destroy();
});

const catchResponse = (p: Promise<unknown>) => p.catch((e: unknown) => e) as Promise<Response>;

describe("admin-editable ground rules", () => {
  it("only admins may edit the rules", async () => {
    const res = await catchResponse(
      rulesLoader({ request: new Request("http://localhost/x", { headers: { Cookie: moderator.cookie } }), params: {}, context: testContext(db) }),
    );
    expect(res.status).toBe(403);
  });

  it("an edited label is what the asker sees; a retired rule can no longer be chosen; both are logged", async () => {
    const saved = (await rulesAction({
      request: formRequest(
        "/personal/fragor/regler",
        { _csrf: admin.csrfToken, code: "off_topic", labelSv: "Handlar inte om tryggheten i området", labelEn: "Not about safety in the area", active: "on" },
        { Cookie: admin.cookie },
      ),
      params: {},
      context: testContext(db),
    })) as Response;
    expect(saved.status).toBe(200);
    const blank = (await rulesAction({
      request: formRequest("/personal/fragor/regler", { _csrf: admin.csrfToken, code: "off_topic", labelSv: "", labelEn: "x" }, { Cookie: admin.cookie }),
      params: {},
      context: testContext(db),
    })) as Response;
    expect(blank.status).toBe(400);

    const dialogue = await makeQaDialogue(db);
    const asker = crypto.randomUUID();
    await residentAction({
      request: formRequest(`/dialoger/${dialogue.id}/fragor`, { intent: "ask", text: "Vad tycker ni om fotboll?", idempotencyKey: crypto.randomUUID() }),
      params: { id: String(dialogue.id) },
      context: testContext(db, { participantId: asker }),
    });
    const q = await db.selectFrom("questions").select("id").where("dialogue_id", "=", dialogue.id).executeTakeFirstOrThrow();
    const modPost = (fields: Record<string, string>) =>
      modAction({
        request: formRequest(
          `/personal/dialoger/${dialogue.id}/fragor`,
          { _csrf: moderator.csrfToken, intent: "moderate", ...fields },
          { Cookie: moderator.cookie },
        ),
        params: { id: String(dialogue.id) },
        context: testContext(db),
      }) as Promise<Response>;

    await rulesAction({
      request: formRequest(
        "/personal/fragor/regler",
        { _csrf: admin.csrfToken, code: "spam_duplicate", labelSv: "Skräppost eller dubblett", labelEn: "Spam or duplicate" },
        { Cookie: admin.cookie },
      ),
      params: {},
      context: testContext(db),
    });
    const retired = await modPost({ action: "reject", questionId: String(q.id), rule: "spam_duplicate" });
    expect(retired.status).toBe(409);
    expect((await db.selectFrom("questions").select("status").where("id", "=", q.id).executeTakeFirstOrThrow()).status).toBe("waiting");

    expect((await modPost({ action: "reject", questionId: String(q.id), rule: "off_topic" })).status).toBe(200);
    const page = (await residentLoader({
      request: new Request("http://localhost/x"),
      params: { id: String(dialogue.id) },
      context: testContext(db, { participantId: asker }),
    })) as Response;
    const data = (await page.json()) as { qa: { rules: Record<string, { sv: string }>; mine: Array<{ rule: string }> } };
    expect(data.qa.mine[0].rule).toBe("off_topic");
    expect(data.qa.rules.off_topic.sv).toBe("Handlar inte om tryggheten i området");
    const audit = await db.selectFrom("audit_log").select("action").where("action", "=", "qa.rule_update").execute();
    expect(audit).toHaveLength(2);
  });
});
