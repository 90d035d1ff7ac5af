/**
 * The camera register through the real route loaders and actions and a real database with the
 * demo data: a camera proposed from a walk pin, refused activation without purpose, owner and
 * balancing, documented, activated, reviewed (not without a decision), shown in the public
 * register and its downloads; the footage log only for roles with cameras.footage, every
 * reading audited; overdue reviews flagged.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { DB } from "../../../db/connection";
import { DEMO_STAFF, seedDemo } from "../../../db/seed";
import { createTestDb } from "../../helpers/db";
import { formRequest, staffCookie, testContext } from "../../helpers/context";
import { addCalendarYears, calendarDate } from "~/domain/common/time";
import { viewFootageLog } from "~/domain/cameras/footage.server";
import { importIndicators } from "~/domain/indicators/indicators.server";
import { loader as listLoader } from "~/routes/personal.kameror._index";
import { action as createAction, loader as newLoader } from "~/routes/personal.kameror.ny";
import { action as pageAction, loader as pageLoader } from "~/routes/personal.kameror.$id._index";
import { action as editAction } from "~/routes/personal.kameror.$id.redigera";
import { action as reviewAction, loader as reviewLoader } from "~/routes/personal.kameror.$id.granskning";
import { action as footageAction, loader as footageLoader } from "~/routes/personal.kameror.$id.material";
import { loader as protocolLoader } from "~/routes/personal.vandringar.$id.protokoll";
import { loader as publicLoader } from "~/routes/omraden.$slug_.kameror";
import { loader as geojsonLoader } from "~/routes/omraden.$slug_.kameror[.]geojson";
import { loader as csvLoader } from "~/routes/omraden.$slug_.kameror[.]csv";

type Auth = { cookie: string; csrfToken: string };
let db: DB;
let ctx: ReturnType<typeof testContext>;
const auth: Record<string, Auth> = {};
const staffIds: Record<string, number> = {};
let observationId: number;
let walkId: number;
let districtId: number;
let ownerId: number;
let cameraId: number;

async function call<T extends LoaderFunctionArgs | ActionFunctionArgs>(
  fn: (args: T) => Promise<Response>,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  try {
    return await fn({ request, params, context: ctx } as T);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const get = (url: string, who?: Auth) => new Request(`http://localhost${url}`, { headers: who ? { Cookie: who.cookie } : {} });
const post = (url: string, who: Auth, fields: Record<string, string>) => formRequest(url, { _csrf: who.csrfToken, ...fields }, { Cookie: who.cookie });
const audits = async (action: string) =>
  db.selectFrom("audit_log").selectAll().where("action", "=", action).where("target_id", "=", String(cameraId)).orderBy("id").execute();
const camera = () => db.selectFrom("cameras").selectAll().where("id", "=", cameraId).executeTakeFirstOrThrow();

const BASE_FIELDS = () => ({
  name: "Stigen bakom förskolan, mot gångvägen",
  districtId: String(districtId),
  lat: "59.2688",
  lng: "18.1279",
  areaPoints: "59.2701, 18.1298\n59.2701, 18.1303\n59.2698, 18.1303\n59.2698, 18.1298",
  mode: "recorded",
  locationPublic: "1",
  signPictogram: "1",
  sourceType: "observation",
  sourceId: String(observationId),
});

const FULL_FIELDS = () => ({
  ...BASE_FIELDS(),
  ownerOrganisationId: String(ownerId),
  purpose: "Förebygga rån på stigen kvällstid.",
  recordingHours: "Kl. 20–06",
  retentionDays: "7",
  balancingDate: calendarDate(new Date()),
  balancingDecidedBy: "Stadsdelsnämnden",
  balancingIncidents: "Fyra anmälda rån på stigen under hösten.",
  balancingAlternatives: "Röjning av sly och bättre belysning.",
  signTextEasy: "Här filmar en kamera på kvällen.",
  contact: "Stadsdelsförvaltningen, 08-508 00 000",
});

beforeAll(async () => {
  db = await createTestDb();
  await seedDemo(db, { hashPassword: async () => "not-a-real-hash" });
  ctx = testContext(db);
  for (const s of DEMO_STAFF) {
    const row = await db.selectFrom("staff").select("id").where("email", "=", s.email).executeTakeFirstOrThrow();
    staffIds[s.role === "panelist" ? (s.organisation ?? "panelist") : s.role] = row.id;
    auth[s.role === "panelist" ? (s.organisation ?? "panelist") : s.role] = await staffCookie(db, row.id);
  }
  const obs = await db
    .selectFrom("walk_observations")
    .select(["id", "walk_id", "district_id"])
    .where("address", "=", "Stigen bakom förskolan")
    .where("status", "=", "published")
    .executeTakeFirstOrThrow();
  observationId = obs.id;
  walkId = obs.walk_id;
  districtId = obs.district_id;
  ownerId = (await db.selectFrom("organisations").select("id").where("name", "=", "Stockholmshem").executeTakeFirstOrThrow()).id;
});

describe("camera register", () => {
  it("proposes a camera from a walk pin, and the pin shows it", async () => {
    const form = await call(newLoader, get(`/personal/kameror/ny?observation=${observationId}`, auth.walk_leader));
    const prefill = (await form.json()).prefill;
    expect(prefill.values).toMatchObject({
      sourceType: "observation",
      sourceId: String(observationId),
      districtId: String(districtId),
      address: "Stigen bakom förskolan",
    });

    const res = await call(createAction, post("/personal/kameror/ny", auth.walk_leader, BASE_FIELDS()));
    expect(res.status).toBe(302);
    cameraId = Number(/\/personal\/kameror\/(\d+)/.exec(res.headers.get("Location") ?? "")![1]);
    const row = await camera();
    expect(row).toMatchObject({ state: "proposed", source_type: "observation", source_id: observationId, location_public: 1 });
    expect(JSON.parse(row.area_geojson!).coordinates[0]).toHaveLength(5);
    expect(await audits("camera.create")).toHaveLength(1);

    const page = await (await call(pageLoader, get(`/personal/kameror/${cameraId}`, auth.walk_leader), { id: String(cameraId) })).json();
    expect(page.source).toMatchObject({ type: "observation", id: observationId, href: `/personal/vandringar/${walkId}/protokoll#item-${observationId}-h` });
    const protocol = await (await call(protocolLoader, get(`/personal/vandringar/${walkId}/protokoll`, auth.walk_leader), { id: String(walkId) })).json();
    expect(protocol.cameras[observationId]).toEqual([{ id: cameraId, name: BASE_FIELDS().name, state: "proposed" }]);
  });

  it("refuses a pin from another district", async () => {
    const other = await db.selectFrom("districts").select("id").where("slug", "=", "rinkeby-kista").executeTakeFirstOrThrow();
    const res = await call(createAction, post("/personal/kameror/ny", auth.walk_leader, { ...BASE_FIELDS(), districtId: String(other.id) }));
    expect(res.status).toBe(400);
    expect((await res.json()).errors.districtId).toBe("cameras.errors.sourceOtherDistrict");
  });

  it("keeps a position to 7 decimals, on either backend", async () => {
    const res = await call(
      createAction,
      post("/personal/kameror/ny", auth.walk_leader, { ...BASE_FIELDS(), sourceType: "", sourceId: "", areaPoints: "", lat: "59.2712345", lng: "18.1312345" }),
    );
    expect(res.status).toBe(302);
    const id = Number(/\/personal\/kameror\/(\d+)/.exec(res.headers.get("Location") ?? "")![1]);
    expect(await db.selectFrom("cameras").select(["lat", "lng", "source_type", "area_geojson"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({
      lat: 59.2712345,
      lng: 18.1312345,
      source_type: null,
      area_geojson: null,
    });
  });

  it("cannot become documented or active without purpose, owner and a documented balancing", async () => {
    const res = await call(pageAction, post(`/personal/kameror/${cameraId}`, auth.walk_leader, { action: "document" }), { id: String(cameraId) });
    expect(res.status).toBe(409);
    expect((await res.json()).errors).toEqual({
      purpose: "cameras.errors.purposeRequired",
      ownerOrganisationId: "cameras.errors.ownerRequired",
      balancing: "cameras.errors.balancingRequired",
    });
    expect((await camera()).state).toBe("proposed");
    const refused = await audits("camera.change_refused");
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0].details!)).toMatchObject({ action: "document", from: "proposed" });
    // Skipping a step is refused too.
    const skip = await call(pageAction, post(`/personal/kameror/${cameraId}`, auth.walk_leader, { action: "activate" }), { id: String(cameraId) });
    expect(skip.status).toBe(409);
  });

  it("is documented and activated once the details are there; the first review falls due a year on", async () => {
    const edit = await call(editAction, post(`/personal/kameror/${cameraId}/redigera`, auth.walk_leader, FULL_FIELDS()), { id: String(cameraId) });
    expect(edit.status).toBe(302);
    for (const action of ["document", "activate"]) {
      const res = await call(pageAction, post(`/personal/kameror/${cameraId}`, auth.walk_leader, { action }), { id: String(cameraId) });
      expect(res.status, action).toBe(200);
    }
    const row = await camera();
    expect(row.state).toBe("active");
    expect(row.review_due).toBe(addCalendarYears(calendarDate(new Date()), 1));
    expect((await audits("camera.state")).map((a) => JSON.parse(a.details!).to)).toEqual(["balancing_documented", "active"]);
    // A running camera may not lose its documented balancing.
    const strip = await call(editAction, post(`/personal/kameror/${cameraId}/redigera`, auth.walk_leader, { ...FULL_FIELDS(), balancingAlternatives: "" }), {
      id: String(cameraId),
    });
    expect(strip.status).toBe(400);
    expect((await camera()).balancing_alternatives).toBe(FULL_FIELDS().balancingAlternatives);
  });

  it("completes a yearly review only with a decision and reasoning", async () => {
    const url = `/personal/kameror/${cameraId}/granskning`;
    const today = calendarDate(new Date());
    // The review page shows the demo walk's pin at the camera (feeling 1), from before the camera started.
    const form = await (await call(reviewLoader, get(url, auth.walk_leader), { id: String(cameraId) })).json();
    expect(form.evidence).toMatchObject({ radius: 150, before: { count: 1, averageFeeling: 1 }, after: { count: 0, averageFeeling: null } });
    expect(form.evidence.districtSeries).toEqual([]);
    expect(form.evidence.polls).toEqual([]);
    // With the district's safety picture imported, the review shows it with its source.
    const csv = [
      "source_name,source_url,indicator,district,period,value,unit,note",
      "Polisen,https://polisen.se/statistik,reported_crime,skarpnack,2025,412,anmälningar,",
      "Trygghetsmätningen,https://start.stockholm/trygghetsmatning,perceived_unsafe,skarpnack,2025,31,%,",
    ].join("\n");
    const imported = await importIndicators(db, { id: staffIds.admin, email: "admin@tryggve.example" }, { csv, label: "test", illustrative: false });
    expect(imported.ok).toBe(true);
    const withSeries = await (await call(reviewLoader, get(url, auth.walk_leader), { id: String(cameraId) })).json();
    expect(withSeries.evidence.districtSeries).toMatchObject([
      { indicator: "reported_crime", period: "2025", value: 412, sourceName: "Polisen" },
      { indicator: "perceived_unsafe", period: "2025", value: 31, unit: "%" },
    ]);
    const missing = await call(reviewAction, post(url, auth.walk_leader, { reviewedOn: today, aimMatches: "yes", reasoning: "" }), { id: String(cameraId) });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toMatchObject({ decision: "cameras.errors.decisionRequired", reasoning: "cameras.errors.reasoningRequired" });
    expect(await db.selectFrom("camera_reviews").select("id").where("camera_id", "=", cameraId).execute()).toHaveLength(0);

    const done = await call(
      reviewAction,
      post(url, auth.walk_leader, {
        reviewedOn: today,
        aimMatches: "yes",
        photoDate: today,
        privacyIntrusion: "Förskolans gård syns inte; maskning kontrollerad.",
        decision: "continue",
        reasoning: "Inga rån sedan starten och boende känner sig tryggare.",
        publicSummary: "Kameran är kvar: inga rån sedan starten.",
      }),
      { id: String(cameraId) },
    );
    expect(done.status).toBe(302);
    expect((await camera()).review_due).toBe(addCalendarYears(today, 1));
    const review = await audits("camera.review");
    expect(review).toHaveLength(1);
    expect(JSON.parse(review[0].details!)).toMatchObject({ decision: "continue", nextDue: addCalendarYears(today, 1) });
  });

  it("shows the camera in the public register, its GeoJSON and CSV, but never a camera whose location is not public", async () => {
    const page = await (await call(publicLoader, get("/omraden/skarpnack/kameror"), { slug: "skarpnack" })).json();
    const mine = page.cameras.find((c: { id: number }) => c.id === cameraId);
    expect(mine).toMatchObject({
      purpose: FULL_FIELDS().purpose,
      owner: "Stockholmshem",
      retentionDays: 7,
      signTextEasy: FULL_FIELDS().signTextEasy,
      legalBasis: { kind: "balancing", date: FULL_FIELDS().balancingDate },
      latestReview: { decision: "continue", summary: "Kameran är kvar: inga rån sedan starten." },
    });
    expect(mine).not.toHaveProperty("footageViewers");
    const names = page.cameras.map((c: { name: string }) => c.name);
    expect(names).not.toContain("Förskolans baksida, Bagarmossen");

    const geo = await (await call(geojsonLoader, get("/omraden/skarpnack/kameror.geojson"), { slug: "skarpnack" })).json();
    const point = geo.features.find((f: { id: unknown }) => f.id === cameraId);
    expect(point.geometry).toEqual({ type: "Point", coordinates: [18.1279, 59.2688] });
    expect(point.properties.legal_basis).toContain("kamerabevakningslagen (2018:1200)");
    expect(geo.features.find((f: { id: unknown }) => f.id === `${cameraId}-area`).geometry.type).toBe("Polygon");
    const csv = await (await call(csvLoader, get("/omraden/skarpnack/kameror.csv"), { slug: "skarpnack" })).text();
    expect(csv).toContain(BASE_FIELDS().name);
    expect(csv).not.toContain("Förskolans baksida");
  });

  it("keeps the footage log from roles without cameras.footage and audits every reading", async () => {
    const url = `/personal/kameror/${cameraId}/material`;
    for (const role of ["walk_leader", "moderator"]) {
      const res = await call(footageLoader, get(url, auth[role]), { id: String(cameraId) });
      expect(res.status, role).toBe(403);
      const page = await (await call(pageLoader, get(`/personal/kameror/${cameraId}`, auth[role]), { id: String(cameraId) })).json();
      expect(page.canSeeFootage, role).toBe(false);
    }
    const forbidden = await db.selectFrom("audit_log").select("details").where("action", "=", "auth.forbidden").execute();
    expect(forbidden.filter((f) => JSON.parse(f.details!).permission === "cameras.footage")).toHaveLength(2);
    const write = await call(
      footageAction,
      post(url, auth.walk_leader, { requestedOn: calendarDate(new Date()), kind: "view", requester: "x", legalBasis: "y" }),
      { id: String(cameraId) },
    );
    expect(write.status).toBe(403);
    // The domain refuses on its own too (and says so in the audit log).
    expect(await viewFootageLog(db, { id: staffIds.walk_leader, email: "vandringsledare@tryggve.example", role: "walk_leader" }, cameraId)).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(await audits("camera.footage_refused")).toHaveLength(1);
    expect(await audits("camera.footage_log_viewed")).toHaveLength(0);

    const saved = await call(
      footageAction,
      post(url, auth.admin, {
        requestedOn: calendarDate(new Date()),
        kind: "handover",
        requester: "Polisen, lokalpolisområde Globen",
        legalBasis: "Förundersökning om rån, 23 kap. rättegångsbalken",
        decision: "granted",
        secrecyNote: "Skyddad identitet kan beröras",
      }),
      { id: String(cameraId) },
    );
    expect(saved.status).toBe(200);
    const written = await audits("camera.footage_request");
    expect(written).toHaveLength(1);
    expect(written[0].details).not.toContain("Polisen");
    expect(written[0].details).not.toContain("Skyddad");

    const first = await (await call(footageLoader, get(url, auth.admin), { id: String(cameraId) })).json();
    expect(first.requests).toHaveLength(1);
    expect(first.requests[0]).toMatchObject({ kind: "handover", decision: "granted", secrecyNote: "Skyddad identitet kan beröras" });
    await call(footageLoader, get(url, auth.admin), { id: String(cameraId) });
    const views = await audits("camera.footage_log_viewed");
    expect(views).toHaveLength(2);
    expect(views.every((v) => v.actor_staff_id === staffIds.admin)).toBe(true);
  });

  it("lists the register for staff with overdue reviews flagged, and not for panelists", async () => {
    const list = await (await call(listLoader, get("/personal/kameror", auth.walk_leader))).json();
    const seededOverdue = list.cameras.find((c: { name: string }) => c.name.startsWith("Skarpnäcks centrum"));
    expect(seededOverdue.reviewFlag).toBe("overdue");
    expect(list.cameras.find((c: { id: number }) => c.id === cameraId).reviewFlag).toBe("upcoming");
    expect(list.overdue).toBe(1);
    const overdueOnly = await (await call(listLoader, get("/personal/kameror?forsenade=1", auth.walk_leader))).json();
    expect(overdueOnly.cameras.map((c: { id: number }) => c.id)).not.toContain(cameraId);
    const panelist = await call(listLoader, get("/personal/kameror", auth.Stockholmshem));
    expect(panelist.status).toBe(403);
  });

  it("is taken out of use by a review that decides to remove it, and leaves the public register", async () => {
    const res = await call(
      reviewAction,
      post(`/personal/kameror/${cameraId}/granskning`, auth.walk_leader, {
        reviewedOn: calendarDate(new Date()),
        aimMatches: "partly",
        decision: "remove",
        reasoning: "Belysningen räcker nu; intrånget väger tyngre.",
      }),
      { id: String(cameraId) },
    );
    expect(res.status).toBe(302);
    expect(await camera()).toMatchObject({ state: "removed", review_due: null });
    const page = await (await call(publicLoader, get("/omraden/skarpnack/kameror"), { slug: "skarpnack" })).json();
    expect(page.cameras.map((c: { id: number }) => c.id)).not.toContain(cameraId);
  });
});
