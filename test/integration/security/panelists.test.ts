// Issue 10, "Trust": panelists act only for their own organisation. A Stockholmshem panelist could
// answer a question assigned to Polisen over the socket and sign it "Polisen" (or anything), and a
// measure link was checked only in the form glue. docs/security.md, "Panelists act for their own
// organisation". Through the real server (form posts with CSRF and Origin, socket.io on the same
// port) on real SQLite; the link rule also directly against the domain function.
import crypto from "node:crypto";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkSource } from "~/domain/measures/measures.server";
import { moderate, submitQuestion } from "~/domain/questions/qa.server";
import type { QaEvent } from "~/domain/questions/qa.server";
import { fromSite, request, startApp, type App } from "../../helpers/app";
import { staffCookie } from "../../helpers/context";
import { makeOrganisation, makeStaff } from "../../helpers/factories";
import { makeQaDialogue } from "../../helpers/qa";
import { call, nextEvent, type Client } from "../../helpers/realtime";

type Auth = { cookie: string; csrfToken: string };
type Staff = Awaited<ReturnType<typeof makeStaff>>;

let app: App;
let dialogueId: number;
let districtId: number;
let police: { id: number; name: string };
let housing: { id: number; name: string };
let moderator: Staff;
let policePanelist: Staff;
let housingPanelist: Staff;
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await startApp();
  const db = app.db;
  police = await makeOrganisation(db, { name: "Polisen", kind: "police" });
  housing = await db.selectFrom("organisations").select(["id", "name"]).where("name", "=", "Stockholmshem").executeTakeFirstOrThrow();
  moderator = await makeStaff(db, { role: "moderator" });
  policePanelist = await makeStaff(db, { role: "panelist", organisation_id: police.id, name: "Per Polis" });
  housingPanelist = await makeStaff(db, { role: "panelist", organisation_id: housing.id, name: "Sara Stockholmshem" });
  const dialogue = await makeQaDialogue(db, "ongoing");
  dialogueId = dialogue.id;
  districtId = dialogue.district_id;
  // Both organisations are invited and both panelists sit on this dialogue's panel.
  for (const [org, panelist] of [
    [police, policePanelist],
    [housing, housingPanelist],
  ] as const) {
    const invitation = await db
      .insertInto("dialogue_invitations")
      .values({ dialogue_id: dialogueId, organisation_id: org.id, email: `${org.id}@example.org`, status: "accepted", created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("dialogue_panelists")
      .values({ dialogue_id: dialogueId, staff_id: panelist.id, invitation_id: invitation.id, created_at: new Date().toISOString() })
      .execute();
  }
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await app.close();
});

const auth = (staff: { id: number }) => staffCookie(app.db, staff.id, app.config);

/** Route ids for Remix data requests (`?_data=`), so the answer is the action's JSON. */
const ROUTE_IDS: Record<string, string> = { atgarder: "routes/personal.atgarder.$id", fragor: "routes/personal.fragor.mina" };

/** A form post through the real server, as the browser on PUBLIC_URL sends it (fetcher/data request). */
async function post(path: string, who: Auth, fields: Record<string, string>) {
  const routeId = path.startsWith("/personal/atgarder/") ? ROUTE_IDS.atgarder : ROUTE_IDS.fragor;
  const res = await request(app.base, `${path}?_data=${encodeURIComponent(routeId)}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...fromSite(app.config), cookie: who.cookie },
    body: new URLSearchParams({ _csrf: who.csrfToken, ...fields }).toString(),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; errors?: Record<string, string> | null } };
}

/** A socket.io client on the app's own port, with the tab's cookie. */
async function connect(cookie: string): Promise<Client> {
  const socket: Client = ioClient(app.base, {
    transports: ["websocket"],
    extraHeaders: { origin: app.config.PUBLIC_URL, cookie },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** An approved question assigned to an organisation; `then` moves it on (moderator actions). */
async function questionFor(orgId: number, then: Array<"answer_in_writing" | "answered"> = []): Promise<number> {
  const asked = await submitQuestion(app.db, {
    dialogueId,
    text: `Vad gör ni åt belysningen vid hållplats ${crypto.randomUUID().slice(0, 8)}?`,
    displayName: null,
    idempotencyKey: crypto.randomUUID(),
    participantId: crypto.randomUUID(),
  });
  if (!asked.ok) throw new Error(`setup: ${asked.error}`);
  const questionId = asked.questionId;
  const step = async (input: Parameters<typeof moderate>[2]) => {
    const r = await moderate(app.db, moderator, input, null);
    if (!r.ok) throw new Error(`setup: ${input.action} ${r.error}`);
  };
  await step({ action: "approve", dialogueId, questionId });
  await step({ action: "assign", dialogueId, questionId, assigneeType: "organisation", assigneeId: orgId });
  for (const s of then) {
    if (s === "answer_in_writing") await step({ action: "answer_in_writing", dialogueId, questionId, dueDate: undefined });
    else await step({ action: "mark_answered", dialogueId, questionId, answer: "Vi byter armaturerna.", answeredBy: null });
  }
  return questionId;
}

async function measureOf(orgId: number, status: "sent" | "accepted" = "sent"): Promise<number> {
  const now = new Date().toISOString();
  const row = await app.db
    .insertInto("measures")
    .values({
      district_id: districtId,
      title: "Bättre belysning vid hållplatsen",
      description: "Byt armaturer",
      category: "lighting",
      location_address: null,
      location_lat: null,
      location_lng: null,
      responsible_organisation_id: orgId,
      due_date: null,
      planned_date: null,
      decline_reason: null,
      status,
      sent_at: now,
      done_at: null,
      verified_at: null,
      closed_at: null,
      created_by: moderator.id,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const question = (id: number) => app.db.selectFrom("questions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const refusals = (actorId: number, action: string) =>
  app.db.selectFrom("audit_log").select(["action", "target_id", "details"]).where("actor_staff_id", "=", actorId).where("action", "=", action).execute();

describe("measures: the Stockholmshem panelist cannot act for Polisen", () => {
  it("cannot link a question to Polisen's measure, on the form path or in the domain", async () => {
    const measureId = await measureOf(police.id);
    const answered = await questionFor(police.id, ["answered"]);
    const res = await post(`/personal/atgarder/${measureId}`, await auth(housingPanelist), {
      intent: "link",
      sourceType: "question",
      sourceId: String(answered),
    });
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual({ _form: "measures.errors.wrongOrganisation" });

    // The rule is the domain's, whoever calls it: no glue check to forget.
    const direct = await linkSource(
      app.db,
      { id: housingPanelist.id, email: housingPanelist.email, role: "panelist", organisationId: housing.id },
      measureId,
      "question",
      answered,
    );
    expect(direct).toBe("measures.errors.wrongOrganisation");
    expect(await app.db.selectFrom("measure_sources").selectAll().where("measure_id", "=", measureId).execute()).toEqual([]);
    const audited = await refusals(housingPanelist.id, "measure.change_refused");
    expect(audited.filter((a) => a.target_id === String(measureId)).map((a) => JSON.parse(a.details ?? "{}") as Record<string, unknown>)).toEqual([
      { action: "link", type: "question", sourceId: answered, error: "measures.errors.wrongOrganisation" },
      { action: "link", type: "question", sourceId: answered, error: "measures.errors.wrongOrganisation" },
    ]);

    // A measure manager links the same question, so the refusal was about who asked.
    const staff = await auth(moderator);
    expect((await post(`/personal/atgarder/${measureId}`, staff, { intent: "link", sourceType: "question", sourceId: String(answered) })).status).toBe(200);
  });

  it("cannot change the status of Polisen's measure", async () => {
    const measureId = await measureOf(police.id);
    const res = await post(`/personal/atgarder/${measureId}`, await auth(housingPanelist), { intent: "", action: "accept", comment: "Vi tar det." });
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual({ _form: "measures.errors.wrongOrganisation" });
    expect((await app.db.selectFrom("measures").select("status").where("id", "=", measureId).executeTakeFirstOrThrow()).status).toBe("sent");
    expect((await refusals(housingPanelist.id, "measure.change_refused")).some((a) => a.target_id === String(measureId))).toBe(true);

    // Polisen's own panelist may.
    const ok = await post(`/personal/atgarder/${measureId}`, await auth(policePanelist), { intent: "", action: "accept", comment: "Vi tar det." });
    expect(ok.status).toBe(200);
  });

  it("cannot reply for Polisen; Polisen's reply is signed Polisen", async () => {
    const measureId = await measureOf(police.id, "accepted");
    const events = () => app.db.selectFrom("measure_events").select(["kind", "actor_label", "comment"]).where("measure_id", "=", measureId).execute();
    const res = await post(`/personal/atgarder/${measureId}`, await auth(housingPanelist), {
      intent: "",
      action: "reply",
      comment: "Polisen svarar: vi patrullerar.",
    });
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual({ _form: "measures.errors.wrongOrganisation" });
    expect(await events()).toEqual([]);

    const ok = await post(`/personal/atgarder/${measureId}`, await auth(policePanelist), {
      intent: "",
      action: "reply",
      comment: "Vi patrullerar på kvällarna.",
    });
    expect(ok.status).toBe(200);
    expect(await events()).toEqual([{ kind: "reply", actor_label: "Polisen", comment: "Vi patrullerar på kvällarna." }]);
  });
});

describe("live answers: a panelist answers only their organisation's questions, signed with its name", () => {
  it("the Polisen panelist's live answer is signed Polisen although the request says Stockholmshem", async () => {
    const questionId = await questionFor(police.id);
    const resident = await connect(`tryggve_pid=${crypto.randomUUID()}`);
    expect(await call(resident, "qa:join", { dialogueId })).toMatchObject({ ok: true });
    const panelist = await connect((await auth(policePanelist)).cookie);
    expect(await call(panelist, "qa:join", { dialogueId })).toMatchObject({ ok: true, data: { moderator: true } });

    const published = nextEvent<QaEvent>(resident, "qa:event", { where: (e) => e.type === "upsert" && e.question.id === questionId });
    const res = await call(panelist, "qa:moderate", {
      action: "mark_answered",
      dialogueId,
      questionId,
      answer: "Vi patrullerar vid hållplatsen varje kväll.",
      answeredBy: "Stockholmshem",
    });
    expect(res).toEqual({ ok: true, data: { done: true } });
    const event = await published;
    expect(event.type === "upsert" && event.question.answeredBy).toBe("Polisen");
    expect(await question(questionId)).toMatchObject({ status: "answered", answered_by: "Polisen" });
  });

  it("a written answer is signed with the panelist's organisation too", async () => {
    const questionId = await questionFor(police.id, ["answer_in_writing"]);
    const panelist = await connect((await auth(policePanelist)).cookie);
    const res = await call(panelist, "qa:moderate", {
      action: "publish_written_answer",
      dialogueId,
      questionId,
      answer: "Belysningen byts i maj.",
      answeredBy: "Trafikkontoret",
    });
    expect(res).toEqual({ ok: true, data: { done: true } });
    expect(await question(questionId)).toMatchObject({ status: "answered", answered_by: "Polisen" });
  });

  it("the Stockholmshem panelist cannot answer Polisen's question live: refused precisely, audited, unchanged", async () => {
    const questionId = await questionFor(police.id);
    const panelist = await connect((await auth(housingPanelist)).cookie);
    const res = await call(panelist, "qa:moderate", { action: "mark_answered", dialogueId, questionId, answer: "Polisen säger ja.", answeredBy: "Polisen" });
    expect(res).toMatchObject({ ok: false, error: "forbidden", reason: "wrong_organisation", key: "qa.errors.wrongOrganisation" });
    expect(await question(questionId)).toMatchObject({ status: "approved", answer: null, answered_by: null });
    const audited = await refusals(housingPanelist.id, "qa.refused");
    expect(audited.map((a) => ({ target: a.target_id, details: JSON.parse(a.details ?? "{}") as unknown }))).toContainEqual({
      target: String(questionId),
      details: { dialogueId, event: "mark_answered", error: "wrong_organisation" },
    });
  });

  it("on the panelist's page: another organisation's question is refused with the reason; the own answer ignores a signature field", async () => {
    const theirs = await questionFor(police.id);
    const housingAuth = await auth(housingPanelist);
    const refused = await post("/personal/fragor/mina", housingAuth, { questionId: String(theirs), answer: "Polisen säger ja." });
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual({ _form: "qa.errors.wrongOrganisation" });
    expect(await question(theirs)).toMatchObject({ status: "approved", answered_by: null });

    const mine = await questionFor(housing.id);
    const ok = await post("/personal/fragor/mina", housingAuth, { questionId: String(mine), answer: "Porten lagas på måndag.", answeredBy: "Polisen" });
    expect(ok.status).toBe(200);
    expect(await question(mine)).toMatchObject({ status: "answered", answered_by: "Stockholmshem" });
  });

  it("a moderator still signs for whoever gave the answer", async () => {
    const questionId = await questionFor(police.id);
    const socket = await connect((await auth(moderator)).cookie);
    const res = await call(socket, "qa:moderate", {
      action: "mark_answered",
      dialogueId,
      questionId,
      answer: "Svar från scenen.",
      answeredBy: "Trafikkontoret",
    });
    expect(res).toEqual({ ok: true, data: { done: true } });
    expect(await question(questionId)).toMatchObject({ answered_by: "Trafikkontoret" });
  });
});
