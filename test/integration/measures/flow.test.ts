/**
 * question → measure → send (email in the outbox) → work list → accept → plan →
 * done → verified, through the real route loaders and actions and a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { DB } from "../../../db/connection";
import { createTestDb } from "../../helpers/db";
import { formRequest, staffCookie, testContext } from "../../helpers/context";
import { makeOrganisation, makeStaff } from "../../helpers/factories";
import { makeQaDialogue } from "../../helpers/qa";
import { action as createAction, loader as createLoader } from "~/routes/personal.atgarder.ny";
import { action as measureAction, loader as measureLoader } from "~/routes/personal.atgarder.$id";
import { action as sendAction, loader as dialogueMeasuresLoader } from "~/routes/personal.dialoger.$id.atgarder";
import { loader as workListLoader } from "~/routes/personal.atgarder.mina";
import { loader as staffListLoader } from "~/routes/personal.atgarder._index";
import { action as followAction, loader as publicLoader } from "~/routes/atgarder.$id";
import { action as confirmAction } from "~/routes/atgarder.folj.$token";
import { action as unsubscribeAction } from "~/routes/atgarder.avfolj.$token";
import { loader as feedbackLoader } from "~/routes/dialoger.$id.aterkoppling";
import { loader as districtListLoader } from "~/routes/omraden.$slug_.atgarder";
import { loader as dashboardLoader } from "~/routes/omraden.$slug_.oversikt";
import { loader as dashboardCsvLoader } from "~/routes/omraden.$slug_.oversikt[.]csv";
import { loader as csvLoader } from "~/routes/atgarder[.]csv";
import { loader as mineLoader } from "~/routes/mina";

type Auth = { cookie: string; csrfToken: string };
const PID = "0b8f3c52-3d1e-4f7a-9a4b-2f7a1c9e8d11";
let db: DB;
let ctx: ReturnType<typeof testContext>;
let mod: Auth;
let housing: Auth;
let police: Auth;
let orgId: number;
let dialogueId: number;
let districtId: number;
let districtSlug: string;
let questionId: number;
let waitingQuestionId: number;
let measureId: number;

async function call<T extends LoaderFunctionArgs | ActionFunctionArgs>(
  fn: (args: T) => Promise<Response>,
  request: Request,
  params: Record<string, string> = {},
  context = ctx,
): Promise<Response> {
  try {
    return await fn({ request, params, context } as T);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const post = (url: string, auth: Auth | null, fields: Record<string, string>) =>
  formRequest(url, auth ? { _csrf: auth.csrfToken, ...fields } : fields, auth ? { Cookie: auth.cookie } : {});
const get = (url: string, auth: Auth | null = null) => new Request(`http://localhost${url}`, { headers: auth ? { Cookie: auth.cookie } : {} });
const act = (auth: Auth, fields: Record<string, string>) =>
  call(measureAction, post(`/personal/atgarder/${measureId}`, auth, fields), { id: String(measureId) });
const status = async (id = measureId) => (await db.selectFrom("measures").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
const count = async (table: "measures" | "measure_events" | "measure_sources" | "email_outbox" | "measure_followers") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  db = await createTestDb();
  ctx = testContext(db, { participantId: PID });
  const dialogue = await makeQaDialogue(db, "ended");
  dialogueId = dialogue.id;
  districtId = dialogue.district_id;
  districtSlug = (await db.selectFrom("districts").select("slug").where("id", "=", districtId).executeTakeFirstOrThrow()).slug;
  const org = await makeOrganisation(db, { name: "Stockholmshem", kind: "housing", contact_email: "trygghet@stockholmshem.example" });
  orgId = org.id;
  const policeOrg = await makeOrganisation(db, { name: "Polisen Globen", kind: "police" });
  mod = await staffCookie(db, (await makeStaff(db, { role: "moderator" })).id);
  housing = await staffCookie(db, (await makeStaff(db, { role: "panelist", organisation_id: org.id })).id);
  police = await staffCookie(db, (await makeStaff(db, { role: "panelist", organisation_id: policeOrg.id })).id);
  const now = new Date().toISOString();
  const q = (text: string, status: "answered" | "waiting", participant = PID) =>
    db
      .insertInto("questions")
      .values({
        dialogue_id: dialogueId,
        participant_id: participant,
        idempotency_key: crypto.randomUUID(),
        text,
        status,
        display_name: "Kalle Privat",
        answer: status === "answered" ? "Vi lovar att byta belysningen i tunneln." : null,
        answered_by: status === "answered" ? "Stockholmshem" : null,
        answered_at: status === "answered" ? now : null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  questionId = (await q("Kan ni byta lamporna i gångtunneln?", "answered")).id;
  waitingQuestionId = (await q("Ej granskad fråga med hemlig text", "waiting")).id;
});
afterAll(async () => {
  await db.destroy();
});

describe("measures flow", () => {
  it("prefills the create form from an answered question", async () => {
    const res = await call(createLoader, get(`/personal/atgarder/ny?fraga=${questionId}`, mod));
    const body = await res.json();
    expect(body.prefill.values).toMatchObject({
      questionIds: String(questionId),
      districtId: String(districtId),
      description: "Vi lovar att byta belysningen i tunneln.",
    });
  });

  it("refuses bad input and saves nothing", async () => {
    const base = {
      title: "Byt belysning",
      description: "Byt lamporna",
      districtId: String(districtId),
      category: "lighting",
      organisationId: String(orgId),
      priority: "normal",
    };
    let res = await call(createAction, post("/personal/atgarder/ny", mod, { ...base, organisationId: "9999", dueDate: "2020-01-01" }));
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ organisationId: "measures.errors.unknownOrganisation", dueDate: "measures.errors.dueDateInPast" });
    res = await call(createAction, post("/personal/atgarder/ny", mod, { ...base, questionIds: String(waitingQuestionId) }));
    expect((await res.json()).errors).toEqual({ questionIds: "measures.errors.sourceNotAnswered" });
    res = await call(createAction, post("/personal/atgarder/ny", mod, { ...base, dueDate: "2026-02-30", lat: "59.3" }));
    expect((await res.json()).errors).toMatchObject({ dueDate: "measures.errors.dateInvalid", lng: "measures.errors.coordinatePair" });
    // A panelist may not create measures at all.
    res = await call(createAction, post("/personal/atgarder/ny", housing, base));
    expect(res.status).toBe(403);
    expect(await count("measures")).toBe(0);
    expect(await count("measure_sources")).toBe(0);
  });

  it("creates a measure from the answered question", async () => {
    const res = await call(
      createAction,
      post("/personal/atgarder/ny", mod, {
        title: "Byt belysning i gångtunneln",
        description: "Stockholmshem byter armaturerna i tunneln under Älvsjövägen.",
        districtId: String(districtId),
        category: "lighting",
        organisationId: String(orgId),
        priority: "high",
        dueDate: new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10),
        address: "Gångtunneln under Älvsjövägen",
        lat: "59.28",
        lng: "18.0",
        questionIds: String(questionId),
      }),
    );
    expect(res.status).toBe(302);
    measureId = Number(res.headers.get("Location")!.match(/\/personal\/atgarder\/(\d+)/)![1]);
    expect(await status()).toBe("proposed");
    const dialoguePage = await (await call(dialogueMeasuresLoader, get(`/personal/dialoger/${dialogueId}/atgarder`, mod), { id: String(dialogueId) })).json();
    expect(dialoguePage.answered[0].measureIds).toEqual([measureId]);
  });

  it("sends the dialogue's commitments: one email per party, proposed → sent", async () => {
    const res = await call(sendAction, post(`/personal/dialoger/${dialogueId}/atgarder`, mod, {}), { id: String(dialogueId) });
    expect(await res.json()).toEqual({ ok: true, sent: 1, emails: 1 });
    expect(await status()).toBe("sent");
    const mail = await db.selectFrom("email_outbox").selectAll().where("kind", "=", "measures_sent").executeTakeFirstOrThrow();
    expect(mail.to_address).toBe("trygghet@stockholmshem.example");
    expect(mail.text_body).toContain(`/personal/atgarder/${measureId}`);
    expect(mail.text_body).toContain("Byt belysning i gångtunneln");
    // Sending again finds nothing new.
    const again = await call(sendAction, post(`/personal/dialoger/${dialogueId}/atgarder`, mod, {}), { id: String(dialogueId) });
    expect((await again.json()).error).toBe("measures.errors.nothingToSend");
  });

  it("shows the measure on the party's work list, not on another party's", async () => {
    const mine = await (await call(workListLoader, get("/personal/atgarder/mina", housing))).json();
    expect(mine.organisation.name).toBe("Stockholmshem");
    expect(mine.measures.map((m: { id: number }) => m.id)).toEqual([measureId]);
    const theirs = await (await call(workListLoader, get("/personal/atgarder/mina", police))).json();
    expect(theirs.measures).toEqual([]);
    expect((await call(measureLoader, get(`/personal/atgarder/${measureId}`, police), { id: String(measureId) })).status).toBe(403);
    const page = await (await call(measureLoader, get(`/personal/atgarder/${measureId}`, housing), { id: String(measureId) })).json();
    expect(page.actions).toEqual(["accept", "decline", "reply"]);
  });

  it("refuses the wrong organisation, a decline without reason, skipped steps and senseless dates", async () => {
    let res = await act(police, { action: "accept" });
    expect(res.status).toBe(403);
    expect((await res.json()).errors._form).toBe("measures.errors.wrongOrganisation");
    res = await act(housing, { action: "decline", reason: "   " });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ "decline-reason": "measures.errors.reasonRequired" });
    res = await act(housing, { action: "done" });
    expect((await res.json()).errors._form).toBe("measures.errors.transitionNotAllowed");
    res = await act(housing, { action: "verify" });
    expect((await res.json()).errors._form).toBe("measures.errors.staffOnly");
    res = await act(housing, { action: "teleport" });
    expect((await res.json()).errors._form).toBe("measures.errors.transitionNotAllowed");
    expect(await status()).toBe("sent");
    expect(await count("measure_events")).toBe(2);
  });

  it("accept → plan → done by the party, verified by staff", async () => {
    expect((await act(housing, { action: "accept", comment: "Vi tar det." })).status).toBe(200);
    let res = await act(housing, { action: "plan", plannedDate: "2026-02-30" });
    expect((await res.json()).errors).toEqual({ "plan-plannedDate": "measures.errors.plannedDateInvalid" });
    res = await act(housing, { action: "plan", plannedDate: "1999-01-01" });
    expect((await res.json()).errors).toEqual({ "plan-plannedDate": "measures.errors.plannedDateInvalid" });
    const planned = new Date(Date.now() + 10 * 86400e3).toISOString().slice(0, 10);
    expect((await act(housing, { action: "plan", plannedDate: planned })).status).toBe(200);
    expect((await act(housing, { action: "reply", comment: "Armaturerna är beställda." })).status).toBe(200);
    expect((await act(housing, { action: "done", comment: "Nya lampor på plats." })).status).toBe(200);
    expect(await status()).toBe("done");
    expect((await act(mod, { action: "verify", comment: "Kontrollerat på uppföljningsvandring." })).status).toBe(200);
    expect(await status()).toBe("verified");
    const actions = (
      await db.selectFrom("audit_log").select("action").where("target_type", "=", "measure").where("target_id", "=", String(measureId)).orderBy("id").execute()
    ).map((r) => r.action);
    expect(actions).toEqual([
      "measure.create",
      "measure.send",
      "auth.forbidden",
      "measure.change_refused",
      "measure.change_refused",
      "measure.change_refused",
      "measure.change_refused",
      "measure.accept",
      "measure.change_refused",
      "measure.change_refused",
      "measure.plan",
      "measure.reply",
      "measure.done",
      "measure.verify",
    ]);
  });

  it("shows the public page with timeline and the question as published, without personal data", async () => {
    const res = await call(publicLoader, get(`/atgarder/${measureId}`), { id: String(measureId) });
    const text = await res.text();
    const { measure } = JSON.parse(text);
    expect(measure.status).toBe("verified");
    expect(measure.timeline.map((e: { toStatus: string | null }) => e.toStatus)).toEqual(["proposed", "sent", "accepted", "planned", null, "done", "verified"]);
    expect(measure.timeline.find((e: { kind: string }) => e.kind === "reply").who).toBe("Stockholmshem");
    expect(measure.sources).toEqual([
      expect.objectContaining({ type: "question", text: "Kan ni byta lamporna i gångtunneln?", href: `/dialoger/${dialogueId}/aterkoppling` }),
    ]);
    expect(text).not.toContain(PID);
    expect(text).not.toContain("Kalle Privat");
    expect(text).not.toContain("hemlig");
  });

  it("lists the measure with its current status on the återkoppling, district list, dashboard, CSV and 'my questions'", async () => {
    const feedback = await (await call(feedbackLoader, get(`/dialoger/${dialogueId}/aterkoppling`), { id: String(dialogueId) })).json();
    expect(feedback.measures).toEqual([expect.objectContaining({ id: measureId, status: "verified" })]);
    const list = await (
      await call(districtListLoader, get(`/omraden/${districtSlug}/atgarder?status=verified&category=lighting`), { slug: districtSlug })
    ).json();
    expect(list.measures.map((m: { id: number }) => m.id)).toEqual([measureId]);
    const none = await (await call(districtListLoader, get(`/omraden/${districtSlug}/atgarder?status=sent`), { slug: districtSlug })).json();
    expect(none.measures).toEqual([]);
    const dash = await (await call(dashboardLoader, get(`/omraden/${districtSlug}/oversikt`), { slug: districtSlug })).json();
    expect(dash.d.byStatus.find((s: { status: string }) => s.status === "verified").count).toBe(1);
    expect(dash.d.byParty).toEqual([{ organisation: "Stockholmshem", open: 0, done: 1, declined: 0, overdue: 0 }]);
    expect(dash.d.medianDaysToDone).toBe(0);
    const csvBytes = new Uint8Array(await (await call(csvLoader, get(`/atgarder.csv?omrade=${districtSlug}`))).arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(csvBytes);
    expect(csv).toContain("Byt belysning i gångtunneln");
    expect(csv.split("\r\n")[0]).toBe(
      "id,title,status,status_label,category,category_label,responsible,district,address,lat,lng,due_date,planned_date,overdue,created_at,updated_at",
    );
    const dashCsv = await call(dashboardCsvLoader, get(`/omraden/${districtSlug}/oversikt.csv?tabell=organisation`), { slug: districtSlug });
    expect(dashCsv.headers.get("Content-Type")).toContain("text/csv");
    expect(await dashCsv.text()).toContain("Stockholmshem,0,1,0,0");
    const mine = await (await call(mineLoader, get("/mina"))).json();
    expect(mine.items.find((q: { id: number }) => q.id === questionId).measures).toEqual([expect.objectContaining({ id: measureId, status: "verified" })]);
    const staffList = await (await call(staffListLoader, get("/personal/atgarder?status=verified", mod))).json();
    expect(staffList.measures).toHaveLength(1);
  });

  it("reopens a verified measure with a comment (follow-up walk found it unfixed)", async () => {
    let res = await act(mod, { action: "reopen" });
    expect((await res.json()).errors).toEqual({ "reopen-comment": "measures.errors.commentRequired" });
    res = await act(mod, { action: "reopen", comment: "Lampan i norra änden är släckt igen." });
    expect(res.status).toBe(200);
    expect(await status()).toBe("planned");
  });
});

describe("following a measure by email", () => {
  let followId: number;
  beforeAll(async () => {
    const res = await call(
      createAction,
      post("/personal/atgarder/ny", mod, {
        title: "Röj sly vid busshållplatsen",
        description: "Sly skymmer sikten.",
        districtId: String(districtId),
        category: "vegetation",
        organisationId: String(orgId),
        priority: "normal",
      }),
    );
    followId = Number(res.headers.get("Location")!.match(/(\d+)/)![1]);
  });

  it("double opt-in: nothing but the confirmation until confirmed, then updates with an unsubscribe link", async () => {
    const bad = await call(followAction, formRequest(`/atgarder/${followId}`, { email: "inte-en-adress" }), { id: String(followId) });
    expect((await bad.json()).errors).toEqual({ email: "measures.errors.emailInvalid" });
    const res = await call(followAction, formRequest(`/atgarder/${followId}`, { email: "Boende@Example.org" }), { id: String(followId) });
    expect((await res.json()).ok).toBe(true);
    const confirmMail = await db.selectFrom("email_outbox").selectAll().where("kind", "=", "measure_follow_confirm").executeTakeFirstOrThrow();
    expect(confirmMail.to_address).toBe("boende@example.org");
    expect(confirmMail.purge_after).not.toBeNull();
    const token = confirmMail.text_body.match(/\/atgarder\/folj\/([A-Za-z0-9_-]+)/)![1];

    // Unconfirmed: a status change emails nobody.
    await call(sendAction, post(`/personal/dialoger/${dialogueId}/atgarder`, mod, {}), { id: String(dialogueId) });
    await call(measureAction, post(`/personal/atgarder/${followId}`, mod, { action: "send" }), { id: String(followId) });
    expect(await db.selectFrom("email_outbox").select("id").where("kind", "=", "measure_update").execute()).toHaveLength(0);

    expect((await call(confirmAction, formRequest(`/atgarder/folj/${token}`, {}), { token })).status).toBe(200);
    expect((await call(confirmAction, formRequest("/atgarder/folj/nope", {}), { token: "nope" })).status).toBe(404);
    await call(measureAction, post(`/personal/atgarder/${followId}`, housing, { action: "accept" }), { id: String(followId) });
    const update = await db.selectFrom("email_outbox").selectAll().where("kind", "=", "measure_update").executeTakeFirstOrThrow();
    expect(update.to_address).toBe("boende@example.org");
    expect(update.text_body).toContain("Accepterad");
    const unsub = update.text_body.match(/\/atgarder\/avfolj\/([A-Za-z0-9_-]+)/)![1];
    expect((await call(unsubscribeAction, formRequest(`/atgarder/avfolj/${unsub}x`, {}), { token: `${unsub}x` })).status).toBe(404);
    expect((await call(unsubscribeAction, formRequest(`/atgarder/avfolj/${unsub}`, {}), { token: unsub })).status).toBe(200);
    expect(await count("measure_followers")).toBe(0);
  });

  it("deletes every follower address when the measure closes", async () => {
    await call(followAction, formRequest(`/atgarder/${followId}`, { email: "granne@example.org" }), { id: String(followId) });
    const mail = await db.selectFrom("email_outbox").selectAll().where("to_address", "=", "granne@example.org").executeTakeFirstOrThrow();
    const token = mail.text_body.match(/\/atgarder\/folj\/([A-Za-z0-9_-]+)/)![1];
    await call(confirmAction, formRequest(`/atgarder/folj/${token}`, {}), { token });
    expect(await count("measure_followers")).toBe(1);
    const res = await call(measureAction, post(`/personal/atgarder/${followId}`, housing, { action: "decline", reason: "Marken ägs av Trafikverket." }), {
      id: String(followId),
    });
    expect(res.status).toBe(200);
    expect(await count("measure_followers")).toBe(0);
    const last = await db.selectFrom("email_outbox").selectAll().where("to_address", "=", "granne@example.org").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(last.text_body).toContain("Din adress är raderad");
    const closed = await call(followAction, formRequest(`/atgarder/${followId}`, { email: "ny@example.org" }), { id: String(followId) });
    expect((await closed.json()).errors).toEqual({ email: "measures.follow.closed" });
  });
});
