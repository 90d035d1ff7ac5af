/**
 * Follow-up walks through the real route loaders and actions: the revisit list,
 * participants' "is this fixed?" answers (one per participant, refused outside
 * a walk in progress or on closed/unknown measures), and staff verifying or
 * reopening from the answers with CSRF, timeline and audit entries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { DB } from "../../../db/connection";
import type { MeasureStatusColumn } from "../../../db/schema-measures";
import { createTestDb } from "../../helpers/db";
import { formRequest, staffCookie, testContext } from "../../helpers/context";
import { makeDistrict, makeOrganisation, makeStaff } from "../../helpers/factories";
import { makeWalk } from "../../helpers/walks";
import { action as mapAction, loader as mapLoader } from "~/routes/vandringar.$id.karta";
import { loader as publicWalkLoader } from "~/routes/vandringar.$id._index";
import { action as staffWalkAction, loader as staffWalkLoader } from "~/routes/personal.vandringar.$id._index";
import { resolveChecks } from "~/domain/measures/checks.server";

type Auth = { cookie: string; csrfToken: string };
const P1 = "11111111-3d1e-4f7a-9a4b-2f7a1c9e8d10";
const P2 = "22222222-3d1e-4f7a-9a4b-2f7a1c9e8d10";
let db: DB;
let leader: Auth;
let panelist: Auth;
let panelistId: number;
let walkId: number;
let plannedWalkId: number;
let doneId: number;
let plannedId: number;
let verifiedId: number;
let otherDistrictId: number;

async function call<T extends LoaderFunctionArgs | ActionFunctionArgs>(
  fn: (args: T) => Promise<Response>,
  request: Request,
  params: Record<string, string>,
  participantId = P1,
): Promise<Response> {
  try {
    return await fn({ request, params, context: testContext(db, { participantId }) } as T);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const get = (url: string, auth: Auth | null = null) => new Request(`http://localhost${url}`, { headers: auth ? { Cookie: auth.cookie } : {} });
const answer = (walk: number, fields: Record<string, string>, participantId = P1) =>
  call(mapAction, formRequest(`/vandringar/${walk}/karta`, { intent: "measureCheck", ...fields }), { id: String(walk) }, participantId);
const resolve = (auth: Auth, fields: Record<string, string>, csrf = auth.csrfToken) =>
  call(staffWalkAction, formRequest(`/personal/vandringar/${walkId}`, { _csrf: csrf, intent: "resolveCheck", ...fields }, { Cookie: auth.cookie }), {
    id: String(walkId),
  });
const statusOf = async (id: number) => (await db.selectFrom("measures").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
const checkCount = async () =>
  Number(
    (
      await db
        .selectFrom("measure_checks")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const audits = async (action: string) => db.selectFrom("audit_log").selectAll().where("action", "=", action).execute();

async function makeMeasure(districtId: number, orgId: number, status: MeasureStatusColumn, title: string, at: { lat: number; lng: number } | null) {
  const now = new Date().toISOString();
  const row = await db
    .insertInto("measures")
    .values({
      district_id: districtId,
      title,
      description: "Beskrivning",
      category: "lighting",
      location_address: at ? "Gångvägen" : null,
      location_lat: at?.lat ?? null,
      location_lng: at?.lng ?? null,
      responsible_organisation_id: orgId,
      status,
      planned_date: status === "planned" ? "2099-01-01" : null,
      done_at: status === "done" ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  db = await createTestDb();
  const walk = await makeWalk(db, "ongoing");
  walkId = walk.id;
  const planned = await makeWalk(db, "planned");
  // The planned walk lives in its own district; give it the same district for the refusal test.
  await db.updateTable("walks").set({ district_id: walk.district_id }).where("id", "=", planned.id).execute();
  plannedWalkId = planned.id;
  const org = await makeOrganisation(db, { name: "Stockholmshem" });
  leader = await staffCookie(db, (await makeStaff(db, { role: "walk_leader" })).id);
  const p = await makeStaff(db, { role: "panelist", organisation_id: org.id });
  panelistId = p.id;
  panelist = await staffCookie(db, p.id);
  // Far from the route (59.30,18.00 → 59.301,18.01) but in the district.
  plannedId = await makeMeasure(walk.district_id, org.id, "planned", "Röj sly vid skolan", { lat: 59.34, lng: 17.96 });
  doneId = await makeMeasure(walk.district_id, org.id, "done", "Byt lampor i gångtunneln", { lat: 59.3005, lng: 18.005 });
  verifiedId = await makeMeasure(walk.district_id, org.id, "verified", "Klottersanering vid torget", null);
  const other = await makeDistrict(db);
  otherDistrictId = await makeMeasure(other.id, org.id, "done", "Annan stadsdel", null);
});
afterAll(async () => {
  await db.destroy();
});

describe("follow-up walks", () => {
  it("lists the district's open measures for revisiting, those along the route first", async () => {
    const body = await (await call(mapLoader, get(`/vandringar/${walkId}/karta`), { id: String(walkId) })).json();
    expect(body.followUp.show).toBe(true);
    expect(body.followUp.canAnswer).toBe(true);
    expect(body.followUp.items.map((m: { id: number }) => m.id)).toEqual([doneId, plannedId]);
    expect(body.followUp.items.map((m: { alongRoute: boolean }) => m.alongRoute)).toEqual([true, false]);
    const planned = await (await call(mapLoader, get(`/vandringar/${plannedWalkId}/karta`), { id: String(plannedWalkId) })).json();
    expect(planned.followUp).toMatchObject({ show: true, canAnswer: false });
  });

  it("takes one anonymous answer per participant per measure", async () => {
    let res = await answer(walkId, { measureId: String(doneId), answer: "yes", comment: "  Nya lampor, ljust nu.  " });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/vandringar/${walkId}/karta?svar=sparat#uppfoljning`);
    res = await answer(walkId, { measureId: String(doneId), answer: "no" });
    expect(res.status).toBe(400);
    expect((await res.json()).check).toEqual({ measureId: doneId, errors: { _form: "measures.checks.errors.alreadyAnswered" } });
    res = await answer(walkId, { measureId: String(doneId), answer: "partly" }, P2);
    expect(res.status).toBe(302);
    res = await answer(walkId, { measureId: String(plannedId), answer: "no" }, P2);
    expect(res.status).toBe(302);
    const rows = await db.selectFrom("measure_checks").selectAll().where("measure_id", "=", doneId).orderBy("id").execute();
    expect(rows.map((r) => [r.participant_id, r.answer, r.comment])).toEqual([
      [P1, "yes", "Nya lampor, ljust nu."],
      [P2, "partly", null],
    ]);
    const mine = await (await call(mapLoader, get(`/vandringar/${walkId}/karta`), { id: String(walkId) })).json();
    expect(mine.followUp.mine).toEqual({ [doneId]: "yes" });
  });

  it("refuses answers outside a walk in progress, on closed or unknown measures, and without an answer", async () => {
    const before = await checkCount();
    const cases: Array<[number, Record<string, string>, string, string]> = [
      [plannedWalkId, { measureId: String(plannedId), answer: "yes" }, "_form", "measures.checks.errors.walkNotOngoing"],
      [walkId, { measureId: String(verifiedId), answer: "yes" }, "_form", "measures.checks.errors.measureClosed"],
      [walkId, { measureId: "99999", answer: "yes" }, "_form", "measures.checks.errors.measureUnknown"],
      [walkId, { measureId: String(otherDistrictId), answer: "yes" }, "_form", "measures.checks.errors.measureUnknown"],
      [walkId, { measureId: "abc", answer: "yes" }, "_form", "measures.checks.errors.measureUnknown"],
      [walkId, { measureId: String(plannedId) }, "answer", "measures.checks.errors.answerRequired"],
      [walkId, { measureId: String(plannedId), answer: "maybe" }, "answer", "measures.checks.errors.answerRequired"],
      [walkId, { measureId: String(plannedId), answer: "yes", comment: "x".repeat(501) }, "comment", "measures.checks.errors.commentTooLong"],
    ];
    for (const [walk, fields, field, error] of cases) {
      const res = await answer(walk, fields);
      expect(res.status, error).toBe(400);
      expect((await res.json()).check.errors).toEqual({ [field]: error });
    }
    expect(await checkCount()).toBe(before);
  });

  it("shows the answers on the staff walk page", async () => {
    const body = await (await call(staffWalkLoader, get(`/personal/vandringar/${walkId}`, leader), { id: String(walkId) })).json();
    const row = body.followUp.find((r: { id: number }) => r.id === doneId);
    expect(row.checks).toMatchObject({
      counts: { yes: 1, no: 0, partly: 1 },
      unhandled: 2,
      handled: null,
      comments: [{ answer: "yes", comment: "Nya lampor, ljust nu." }],
    });
    expect(row).toMatchObject({ canVerify: true, canReopen: true });
    expect(body.followUp[0].checks).not.toBeNull();
    expect(body.followUp.find((r: { id: number }) => r.id === plannedId)).toMatchObject({ canVerify: false, canReopen: false });
    expect((await call(staffWalkLoader, get(`/personal/vandringar/${walkId}`, panelist), { id: String(walkId) })).status).toBe(403);
  });

  it("refuses resolving without CSRF, by a panelist, against the status machine, or without a reopen comment", async () => {
    expect((await resolve(leader, { measureId: String(doneId), resolution: "verify" }, "wrong")).status).toBe(403);
    expect((await resolve(panelist, { measureId: String(doneId), resolution: "verify" })).status).toBe(403);
    const staff = await db.selectFrom("staff").selectAll().where("id", "=", panelistId).executeTakeFirstOrThrow();
    expect(
      await resolveChecks(
        db,
        testContext(db).config,
        { id: staff.id, email: staff.email, role: staff.role, organisationId: staff.organisation_id },
        walkId,
        doneId,
        "verify",
        null,
        { baseUrl: "http://localhost" },
      ),
    ).toEqual({
      ok: false,
      error: "measures.checks.errors.forbidden",
    });
    let res = await resolve(leader, { measureId: String(doneId), resolution: "reopen" });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ comment: "measures.errors.commentRequired" });
    res = await resolve(leader, { measureId: String(plannedId), resolution: "verify" });
    expect((await res.json()).errors).toEqual({ _form: "measures.errors.transitionNotAllowed" });
    res = await resolve(leader, { measureId: String(verifiedId), resolution: "verify" });
    expect((await res.json()).errors).toEqual({ _form: "measures.checks.errors.noAnswers" });
    res = await resolve(leader, { measureId: String(doneId), resolution: "close" });
    expect((await res.json()).errors).toEqual({ _form: "measures.checks.errors.resolutionInvalid" });
    expect(await statusOf(doneId)).toBe("done");
    expect(await statusOf(plannedId)).toBe("planned");
    const unhandled = await db.selectFrom("measure_checks").select("id").where("handled_at", "is not", null).execute();
    expect(unhandled).toHaveLength(0);
    expect(await audits("measure.check_resolve")).toHaveLength(0);
  });

  it("verifies from the answers: status, timeline, answers handled and audit in one go", async () => {
    const res = await resolve(leader, { measureId: String(doneId), resolution: "verify", comment: "Kontrollerat på vandringen." });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, message: "measures.checks.verified" });
    expect(await statusOf(doneId)).toBe("verified");
    const event = await db.selectFrom("measure_events").selectAll().where("measure_id", "=", doneId).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      kind: "status",
      from_status: "done",
      to_status: "verified",
      actor_label: "district",
      comment: "Kontrollerat på vandringen.",
    });
    const checks = await db.selectFrom("measure_checks").selectAll().where("measure_id", "=", doneId).execute();
    expect(checks.every((c) => c.handled_action === "verify" && c.handled_at !== null)).toBe(true);
    expect((await audits("measure.verify")).map((a) => a.target_id)).toEqual([String(doneId)]);
    const [entry] = await audits("measure.check_resolve");
    expect(JSON.parse(entry.details!)).toEqual({ walkId, resolution: "verify", from: "done", to: "verified", answers: 2 });
    // Closed now: no more answers on it, but the staff page still shows the outcome.
    expect((await (await answer(walkId, { measureId: String(doneId), answer: "no" }, "33333333-3d1e-4f7a-9a4b-2f7a1c9e8d10")).json()).check.errors).toEqual({
      _form: "measures.checks.errors.measureClosed",
    });
    const body = await (await call(staffWalkLoader, get(`/personal/vandringar/${walkId}`, leader), { id: String(walkId) })).json();
    expect(body.followUp.find((r: { id: number }) => r.id === doneId)).toMatchObject({
      status: "verified",
      canVerify: false,
      canReopen: true,
      checks: { handled: { action: "verify" }, unhandled: 0 },
    });
  });

  it("reopens with a comment", async () => {
    const res = await resolve(leader, { measureId: String(doneId), resolution: "reopen", comment: "Lampan i mitten är trasig igen." });
    expect(res.status).toBe(200);
    expect(await statusOf(doneId)).toBe("planned");
    expect((await audits("measure.reopen")).map((a) => a.target_id)).toEqual([String(doneId)]);
    expect(await audits("measure.check_resolve")).toHaveLength(2);
  });

  it("lists the walk's linked measures with their current status on the public walk page", async () => {
    let body = await (await call(publicWalkLoader, get(`/vandringar/${walkId}`), { id: String(walkId) })).json();
    expect(body.measures).toEqual([]);
    const now = new Date().toISOString();
    const obs = await db
      .insertInto("walk_observations")
      .values({
        walk_id: walkId,
        district_id: (await db.selectFrom("walks").select("district_id").where("id", "=", walkId).executeTakeFirstOrThrow()).district_id,
        participant_id: null,
        idempotency_key: "k-linked",
        lat: 59.3,
        lng: 18.0,
        categories: '["lighting"]',
        positive: 0,
        feeling: 1,
        description: "Mörkt",
        time_of_day: "dusk",
        status: "published",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("measure_sources").values({ measure_id: plannedId, source_type: "observation", source_id: obs.id, created_at: now }).execute();
    body = await (await call(publicWalkLoader, get(`/vandringar/${walkId}`), { id: String(walkId) })).json();
    expect(body.measures.map((m: { id: number; status: string }) => [m.id, m.status])).toEqual([[plannedId, "planned"]]);
  });
});
