/**
 * create → publish (late warning) → invite → register → remind → close, through
 * the real route loaders and actions, a real database and a real SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import type { ActionFunctionArgs } from "@remix-run/node";
import { createTestDb } from "../../helpers/db";
import { formRequest, staffCookie, testConfig, testContext } from "../../helpers/context";
import { makeDistrict, makeOrganisation, makeStaff } from "../../helpers/factories";
import { startSmtp } from "../../helpers/smtp";
import { action as createAction } from "~/routes/personal.dialoger.ny";
import { action as overviewAction } from "~/routes/personal.dialoger.$id._index";
import { action as feedbackAction } from "~/routes/personal.dialoger.$id.aterkoppling";
import { action as registerAction, loader as detailLoader } from "~/routes/dialoger.$id._index";
import { loader as listLoader } from "~/routes/dialoger._index";
import { loader as icsLoader } from "~/routes/dialoger.$id.kalender[.]ics";
import { loader as feedLoader } from "~/routes/omraden.$slug.kalender[.]ics";
import { action as cancelAction } from "~/routes/dialoger.avboka.$token";
import { loader as feedbackPageLoader } from "~/routes/dialoger.$id.aterkoppling";
import { transitionDialogue, getDialogue } from "~/domain/dialogues/dialogues.server";
import { queueDueReminders } from "~/domain/dialogues/registrations.server";
import { deliverPending } from "~/domain/email/outbox.server";
import { utcToLocal } from "~/domain/common/time";
import type { DB } from "../../../db/connection";

type Smtp = Awaited<ReturnType<typeof startSmtp>>;
let db: DB;
let smtp: Smtp;
let ctx: ReturnType<typeof testContext>;
let auth: { cookie: string; csrfToken: string };
let districtId: number;
let districtSlug: string;
let orgId: number;
const logger = pino({ level: "silent" });
const BASE = "http://localhost";

function local(daysAhead: number) {
  return utcToLocal(new Date(Date.now() + daysAhead * 86400e3)).date;
}

function fields(overrides: Record<string, string> = {}) {
  return {
    _csrf: auth.csrfToken,
    title: "Trygghetsdialog om Hökarängen",
    districtId: String(districtId),
    placeAddress: "Hökarängens bibliotek",
    lat: "59.2578",
    lng: "18.0825",
    date: local(10),
    startTime: "18:00",
    endTime: "19:30",
    format: "hybrid",
    streamUrl: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    agenda: "Välkommen\nFrågor",
    a11yHearingLoop: "on",
    purpose: "Prata om tryggheten runt torget",
    ladderLevel: "dialog",
    influenceOpen: "Belysningen",
    influenceClosed: "Polisens resurser",
    capacity: "1",
    ...overrides,
  };
}

async function post(
  fn: (args: ActionFunctionArgs) => Promise<Response>,
  url: string,
  body: Record<string, string>,
  params: Record<string, string> = {},
  withAuth = true,
) {
  try {
    return await fn({ request: formRequest(url, body, withAuth ? { Cookie: auth.cookie } : {}), params, context: ctx });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function count(table: "dialogues" | "email_outbox" | "dialogue_registrations") {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

beforeAll(async () => {
  smtp = await startSmtp();
  db = await createTestDb();
  const district = await makeDistrict(db, { slug: "enskede-arsta-vantor", name: "Enskede-Årsta-Vantör" });
  districtId = district.id;
  districtSlug = district.slug;
  orgId = (await makeOrganisation(db, { name: "Polisen Farsta", kind: "police", contact_email: "farsta@polisen.example" })).id;
  const moderator = await makeStaff(db, { role: "moderator", email: "mod@example.org" });
  ctx = testContext(db, { config: testConfig({ SMTP_URL: smtp.url, PUBLIC_URL: "https://tryggve.example" }) });
  // An https PUBLIC_URL: the session cookie is the __Host- one, made with the same config.
  auth = await staffCookie(db, moderator.id, ctx.config);
});

afterAll(async () => {
  await smtp.close();
  await db.destroy();
});

describe("dialogue flow", () => {
  let id: number;
  let registrationCancelUrl: string;

  it("rejects bad input with field-level messages and saves nothing", async () => {
    const res = (await post(
      createAction,
      "/personal/dialoger/ny",
      fields({ endTime: "17:00", streamUrl: "javascript:alert(1)", title: "x".repeat(151), districtId: "999", date: local(-2) }),
    )) as Response;
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toMatchObject({
      title: "dialogues.errors.tooLong",
      endTime: "dialogues.errors.endBeforeStart",
      streamUrl: "dialogues.errors.unsafeUrl",
    });
    // Database checks run once the form itself is valid.
    const res2 = (await post(createAction, "/personal/dialoger/ny", fields({ districtId: "999", date: local(-2) }))) as Response;
    expect((await res2.json()).errors).toEqual({ districtId: "dialogues.errors.unknownDistrict", date: "dialogues.errors.dateInPast" });
    expect(await count("dialogues")).toBe(0);
  });

  it("refuses a request without the CSRF token", async () => {
    const res = (await post(createAction, "/personal/dialoger/ny", fields({ _csrf: "nope" }))) as Response;
    expect(res.status).toBe(403);
    expect(await count("dialogues")).toBe(0);
  });

  it("creates a draft and logs it", async () => {
    const res = (await post(createAction, "/personal/dialoger/ny", fields())) as Response;
    expect(res.status).toBe(302);
    id = Number(/\/personal\/dialoger\/(\d+)/.exec(res.headers.get("Location")!)![1]);
    const d = await getDialogue(db, id);
    expect(d).toMatchObject({ status: "draft", capacity: 1, agenda: ["Välkommen", "Frågor"], accessibility: { hearingLoop: true } });
    const audit = await db.selectFrom("audit_log").select("action").where("action", "=", "dialogue.created").execute();
    expect(audit).toHaveLength(1);
  });

  it("warns about publishing fewer than 21 days ahead and logs the confirmation", async () => {
    const unconfirmed = (await post(overviewAction, `/personal/dialoger/${id}`, { _csrf: auth.csrfToken, intent: "publish" }, { id: String(id) })) as Response;
    expect(unconfirmed.status).toBe(400);
    expect((await unconfirmed.json()).errors).toEqual({ lateConfirm: "dialogues.errors.lateNotConfirmed" });
    expect((await getDialogue(db, id))!.status).toBe("draft");

    const ok = (await post(
      overviewAction,
      `/personal/dialoger/${id}`,
      { _csrf: auth.csrfToken, intent: "publish", lateConfirm: "on" },
      { id: String(id) },
    )) as Response;
    expect(ok.status).toBe(200);
    expect((await getDialogue(db, id))!.status).toBe("published");
    const actions = (await db.selectFrom("audit_log").select(["action", "details"]).where("target_id", "=", String(id)).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["dialogue.late_warning_confirmed", "dialogue.published"]));
  });

  it("sends invitations with an .ics attachment over SMTP after the late confirmation", async () => {
    await post(
      overviewAction,
      `/personal/dialoger/${id}`,
      { _csrf: auth.csrfToken, intent: "addInvitation", organisationId: String(orgId), email: "" },
      { id: String(id) },
    );
    const late = (await post(overviewAction, `/personal/dialoger/${id}`, { _csrf: auth.csrfToken, intent: "sendInvitations" }, { id: String(id) })) as Response;
    expect((await late.json()).errors).toEqual({ inviteLateConfirm: "dialogues.errors.lateNotConfirmed" });
    const sent = (await post(
      overviewAction,
      `/personal/dialoger/${id}`,
      { _csrf: auth.csrfToken, intent: "sendInvitations", lateConfirm: "on" },
      { id: String(id) },
    )) as Response;
    expect(await sent.json()).toMatchObject({ ok: true, count: 1 });
    await deliverPending(db, ctx.config, logger);
    const [mail] = await smtp.waitFor(1);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("farsta@polisen.example");
    expect(mail.subject).toContain("Inbjudan till trygghetsdialog: Trygghetsdialog om Hökarängen");
    const ics = mail.attachments.find((a) => a.filename?.endsWith(".ics"));
    expect(ics?.contentType).toBe("text/calendar");
    expect(ics!.content.toString()).toContain(`UID:dialogue-${id}@tryggve.example`);
    const inv = await db.selectFrom("dialogue_invitations").select("status").executeTakeFirstOrThrow();
    expect(inv.status).toBe("invited");
    // The action starts delivery itself (deliverSoon); wait for that run to record the result.
    await expect
      .poll(async () => (await db.selectFrom("email_outbox").select("status").where("kind", "=", "invitation").executeTakeFirstOrThrow()).status)
      .toBe("sent");
  });

  it("lists it for residents with an .ics file and a district feed", async () => {
    const list = await (await listLoader({ request: new Request(`${BASE}/dialoger?omrade=${districtSlug}&form=hybrid`), params: {}, context: ctx })).json();
    expect(list.dialogues.map((d: { id: number }) => d.id)).toEqual([id]);
    const none = await (await listLoader({ request: new Request(`${BASE}/dialoger?form=digital`), params: {}, context: ctx })).json();
    expect(none.dialogues).toEqual([]);
    const ics = await icsLoader({ request: new Request(`${BASE}/dialoger/${id}/kalender.ics`), params: { id: String(id) }, context: ctx });
    expect(ics.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(await ics.text()).toContain("SUMMARY:Trygghetsdialog om Hökarängen");
    const feed = await feedLoader({ request: new Request(`${BASE}/omraden/${districtSlug}/kalender.ics`), params: { slug: districtSlug }, context: ctx });
    expect(await feed.text()).toContain(`UID:dialogue-${id}@tryggve.example`);
  });

  it("registers residents, fills the seat, waitlists and promotes on cancel", async () => {
    const first = (await post(
      registerAction,
      `/dialoger/${id}`,
      { mode: "in_person", wantsUpdates: "on", name: "Ada", email: "ada@example.org" },
      { id: String(id) },
      false,
    )) as Response;
    const firstBody = await first.json();
    expect(firstBody).toMatchObject({ ok: true, status: "confirmed", emailed: true });
    registrationCancelUrl = firstBody.cancelUrl;

    const full = (await post(registerAction, `/dialoger/${id}`, { mode: "in_person" }, { id: String(id) }, false)) as Response;
    expect(full.status).toBe(400);
    expect((await full.json()).errors).toEqual({ mode: "dialogues.errors.full" });

    const waiting = (await post(
      registerAction,
      `/dialoger/${id}`,
      { mode: "in_person", acceptWaitlist: "on", wantsUpdates: "on", email: "bo@example.org" },
      { id: String(id) },
      false,
    )) as Response;
    expect(await waiting.json()).toMatchObject({ ok: true, status: "waitlisted" });

    const remote = (await post(
      registerAction,
      `/dialoger/${id}`,
      { mode: "remote", wantsUpdates: "on", email: "cy@example.org", accessibilityNeeds: "Textning" },
      { id: String(id) },
      false,
    )) as Response;
    expect(await remote.json()).toMatchObject({ ok: true, status: "confirmed" });

    const anonymous = (await post(
      registerAction,
      `/dialoger/${id}`,
      { mode: "remote", name: "Ignored", email: "ignored@example.org" },
      { id: String(id) },
      false,
    )) as Response;
    expect(await anonymous.json()).toMatchObject({ ok: true, emailed: false });
    const stored = await db.selectFrom("dialogue_registrations").select(["name", "email"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: null, email: null });

    const badEmail = (await post(
      registerAction,
      `/dialoger/${id}`,
      { mode: "remote", wantsUpdates: "on", email: "not-an-email" },
      { id: String(id) },
      false,
    )) as Response;
    expect((await badEmail.json()).errors).toEqual({ email: "dialogues.errors.email" });

    const detail = await (await detailLoader({ request: new Request(`${BASE}/dialoger/${id}`), params: { id: String(id) }, context: ctx })).json();
    expect(detail.seatsLeft).toBe(0);

    const token = registrationCancelUrl.split("/").pop()!;
    const cancelled = (await post(cancelAction, `/dialoger/avboka/${token}`, {}, { token }, false)) as Response;
    expect(await cancelled.json()).toEqual({ result: "cancelled" });
    const rows = await db.selectFrom("dialogue_registrations").select(["status", "email"]).where("mode", "=", "in_person").orderBy("id").execute();
    expect(rows).toEqual([
      { status: "cancelled", email: null },
      { status: "confirmed", email: "bo@example.org" },
    ]);
    await deliverPending(db, ctx.config, logger);
    const promoted = await smtp.waitForMatch((m) => m.subject?.startsWith("Du har fått en plats") ?? false);
    expect(promoted.to && !Array.isArray(promoted.to) ? promoted.to.text : "").toBe("bo@example.org");
  });

  it("queues each 24-hour reminder exactly once, even when the job runs twice", async () => {
    const d = (await getDialogue(db, id))!;
    const at = new Date(Date.parse(d.startsAt) - 23 * 3600e3);
    const before = smtp.messages.length;
    expect(await queueDueReminders(db, ctx.config, { now: new Date(Date.parse(d.startsAt) - 25 * 3600e3), baseUrl: BASE })).toBe(0);
    expect(await queueDueReminders(db, ctx.config, { now: at, baseUrl: BASE })).toBe(2);
    expect(await queueDueReminders(db, ctx.config, { now: at, baseUrl: BASE })).toBe(0);
    await deliverPending(db, ctx.config, logger);
    // A delivery an earlier action started may still be sending one of them: wait for both reminders, not any two mails.
    const reminders = await smtp.waitForMatches((m) => smtp.messages.indexOf(m) >= before && (m.subject?.startsWith("Påminnelse") ?? false), 2);
    expect(reminders.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : "")).sort()).toEqual(["bo@example.org", "cy@example.org"]);
  });

  it("closes only with a published återkoppling, which is emailed to those who opted in", async () => {
    const d = (await getDialogue(db, id))!;
    const actor = { id: null, email: "system@test" };
    const during = new Date(Date.parse(d.startsAt) + 60_000);
    expect(await transitionDialogue(db, actor, id, "start", { now: during })).toMatchObject({ ok: true });
    expect(await transitionDialogue(db, actor, id, "end", { now: during })).toMatchObject({ ok: true });

    const empty = (await post(
      feedbackAction,
      `/personal/dialoger/${id}/aterkoppling`,
      { _csrf: auth.csrfToken, intent: "publish", summary: "", nextSteps: "" },
      { id: String(id) },
    )) as Response;
    expect((await empty.json()).errors).toEqual({ summary: "dialogues.errors.required", nextSteps: "dialogues.errors.required" });
    expect((await getDialogue(db, id))!.status).toBe("ended");

    const before = smtp.messages.length;
    const res = (await post(
      feedbackAction,
      `/personal/dialoger/${id}/aterkoppling`,
      { _csrf: auth.csrfToken, intent: "publish", summary: "Vi pratade om torget.", nextSteps: "Belysningen byts i maj." },
      { id: String(id) },
    )) as Response;
    expect(res.status).toBe(302);
    expect((await getDialogue(db, id))!.status).toBe("feedback_published");
    const isFeedback = (m: { subject?: string }) => m.subject?.startsWith("Återkoppling") ?? false;
    await deliverPending(db, ctx.config, logger);
    // The action also started a delivery of its own: wait until the outbox has nothing left in flight.
    // A row is marked sent only after the SMTP server has taken the message, so then every message is here.
    const inFlight = () => db.selectFrom("email_outbox").select("id").where("status", "in", ["pending", "sending"]).execute();
    await expect.poll(inFlight, { timeout: 5000 }).toEqual([]);
    const feedback = smtp.messages.slice(before).filter(isFeedback);
    expect(feedback).toHaveLength(2);
    expect(feedback[0].text).toContain("Belysningen byts i maj.");

    const page = await (
      await feedbackPageLoader({ request: new Request(`${BASE}/dialoger/${id}/aterkoppling`), params: { id: String(id) }, context: ctx })
    ).json();
    expect(page.dialogue.feedbackSummary).toBe("Vi pratade om torget.");
    expect(page.attendance).toMatchObject({ registeredInPerson: 1, registeredRemote: 2, cancelled: 1 });

    const actions = (await db.selectFrom("audit_log").select("action").where("target_id", "=", String(id)).execute()).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "dialogue.started",
        "dialogue.ended",
        "dialogue.feedback_saved",
        "dialogue.feedback_published",
        "dialogue.invitations_sent",
        "dialogue.invitation_added",
      ]),
    );
  });

  it("stores every email in the outbox without SMTP_URL", async () => {
    const plain = testContext(db);
    const res = await registerAction({ request: formRequest(`/dialoger/1`, { mode: "remote" }), params: { id: "999" }, context: plain }).catch(
      (r: unknown) => r as Response,
    );
    expect((res as Response).status).toBe(404);
    const { queueEmail } = await import("~/domain/email/outbox.server");
    const outboxId = await queueEmail(db, plain.config, { kind: "test", to: "a@example.org", subject: "s", text: "t" });
    const row = await db.selectFrom("email_outbox").select("status").where("id", "=", outboxId).executeTakeFirstOrThrow();
    expect(row.status).toBe("stored");
    expect(await deliverPending(db, plain.config, logger)).toBe(0);
  });
});
