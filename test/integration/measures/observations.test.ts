/** Walk observation → measure: only published observations, shown without who raised them; walk measures listed. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { DB } from "../../../db/connection";
import { createTestDb } from "../../helpers/db";
import { formRequest, staffCookie, testContext } from "../../helpers/context";
import { makeDistrict, makeOrganisation, makeStaff } from "../../helpers/factories";
import { action as createAction, loader as createLoader } from "~/routes/personal.atgarder.ny";
import { action as measureAction } from "~/routes/personal.atgarder.$id";
import { loader as publicLoader } from "~/routes/atgarder.$id";
import { measureIdsForWalk } from "~/domain/measures/sources.server";
import { loader as dashboardLoader } from "~/routes/omraden.$slug_.oversikt";
import { loader as requestsLoader } from "~/routes/open311.v2.requests[.]json";
import { loader as requestLoader } from "~/routes/open311.v2.requests.$file";
import { SERVICE_REQUEST_FIELDS } from "~/domain/measures/open311";

let db: DB;
let mod: { cookie: string; csrfToken: string };
let districtId: number;
let districtSlug: string;
let orgId: number;
let walkId: number;
let published: number;
let pending: number;
let otherDistrict: number;

async function call<T extends LoaderFunctionArgs | ActionFunctionArgs>(
  fn: (args: T) => Promise<Response>,
  request: Request,
  params: Record<string, string> = {},
) {
  try {
    return await fn({ request, params, context: testContext(db) } as T);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function observation(status: "published" | "pending", district: number, walk: number, description: string) {
  const now = new Date().toISOString();
  return (
    await db
      .insertInto("walk_observations")
      .values({
        walk_id: walk,
        district_id: district,
        participant_id: "0b8f3c52-3d1e-4f7a-9a4b-2f7a1c9e8d99",
        idempotency_key: crypto.randomUUID(),
        lat: 59.27,
        lng: 18.13,
        address: "Skarpnäcks allé 20",
        categories: JSON.stringify(["lighting", "transit_stop"]),
        feeling: 1,
        description,
        time_of_day: "dark",
        raised_by: "Grupp Ängsull",
        status,
        proposed_measure: "Sätt upp fler lampor vid hållplatsen",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

async function walk(district: number) {
  const now = new Date().toISOString();
  return (
    await db
      .insertInto("walks")
      .values({
        district_id: district,
        title: "Trygghetsvandring i Skarpnäck",
        meeting_point: "Tunnelbanan",
        starts_at: now,
        ends_at: now,
        expected_light: "dark",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

beforeAll(async () => {
  db = await createTestDb();
  const d = await makeDistrict(db);
  districtId = d.id;
  districtSlug = d.slug;
  const other = (await makeDistrict(db)).id;
  orgId = (await makeOrganisation(db, { name: "Stockholmshem" })).id;
  mod = await staffCookie(db, (await makeStaff(db, { role: "walk_leader" })).id);
  walkId = await walk(districtId);
  published = await observation("published", districtId, walkId, "Mörkt vid busshållplatsen");
  pending = await observation("pending", districtId, walkId, "Ej granskad text");
  otherDistrict = await observation("published", other, await walk(other), "Annat område");
});
afterAll(async () => {
  await db.destroy();
});

const base = () => ({
  title: "Belysning vid hållplatsen",
  description: "Fler lampor",
  districtId: String(districtId),
  category: "lighting",
  organisationId: String(orgId),
  priority: "normal",
});
const create = (fields: Record<string, string>) =>
  call(createAction, formRequest("/personal/atgarder/ny", { _csrf: mod.csrfToken, ...fields }, { Cookie: mod.cookie }));

describe("measures from walk observations", () => {
  it("prefills the form from a published observation only", async () => {
    const res = await call(createLoader, new Request(`http://localhost/personal/atgarder/ny?observation=${published}`, { headers: { Cookie: mod.cookie } }));
    const body = await res.json();
    expect(body.prefill.kind).toBe("observation");
    expect(body.prefill.values).toMatchObject({
      observationIds: String(published),
      category: "lighting",
      districtId: String(districtId),
      title: "Sätt upp fler lampor vid hållplatsen",
      lat: "59.27",
    });
    const held = await (
      await call(createLoader, new Request(`http://localhost/personal/atgarder/ny?observation=${pending}`, { headers: { Cookie: mod.cookie } }))
    ).json();
    expect(held.prefill).toBeNull();
  });

  it("refuses unpublished, unknown and other-district observations", async () => {
    expect((await (await create({ ...base(), observationIds: String(pending) })).json()).errors).toEqual({
      observationIds: "measures.errors.observationNotPublished",
    });
    expect((await (await create({ ...base(), observationIds: "99999" })).json()).errors).toEqual({ observationIds: "measures.errors.sourceNotFound" });
    expect((await (await create({ ...base(), observationIds: String(otherDistrict) })).json()).errors).toEqual({
      observationIds: "measures.errors.sourceOtherDistrict",
    });
  });

  it("creates a measure from an observation and shows it without who raised it", async () => {
    const res = await create({ ...base(), observationIds: String(published) });
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")!.match(/(\d+)/)![1]);
    expect(await measureIdsForWalk(db, walkId)).toEqual([id]);
    const text = await (await call(publicLoader, new Request(`http://localhost/atgarder/${id}`), { id: String(id) })).text();
    const { measure } = JSON.parse(text);
    expect(measure.sources).toEqual([
      expect.objectContaining({
        type: "observation",
        id: published,
        text: "Mörkt vid busshållplatsen",
        categories: ["lighting", "public_transport"],
        contextTitle: "Trygghetsvandring i Skarpnäck",
        href: `/vandringar/${walkId}`,
      }),
    ]);
    expect(text).not.toContain("Grupp Ängsull");
    expect(text).not.toContain("0b8f3c52");
    // Several observations can share one measure; linking twice is refused.
    const second = await observation("published", districtId, walkId, "Trasig lampa");
    const link = (sourceId: number) =>
      call(
        measureAction,
        formRequest(
          `/personal/atgarder/${id}`,
          { _csrf: mod.csrfToken, intent: "link", sourceType: "observation", sourceId: String(sourceId) },
          { Cookie: mod.cookie },
        ),
        { id: String(id) },
      );
    expect((await (await link(second)).json()).ok).toBe(true);
    expect((await (await link(second)).json()).errors).toEqual({ sourceId: "measures.errors.sourceAlreadyLinked" });
    expect(await db.selectFrom("measure_sources").select("source_id").where("measure_id", "=", id).execute()).toHaveLength(2);
  });

  it("counts published observations only on the district dashboard, by category and time of day", async () => {
    const res = await call(dashboardLoader, new Request(`http://localhost/omraden/${districtSlug}/oversikt`), { slug: districtSlug });
    const { d } = await res.json();
    // Two published observations in this district (the held one and the other district's do not count).
    expect(d.observations.total).toBe(2);
    expect(d.observations.byCategory).toEqual([
      { category: "lighting", count: 2 },
      { category: "transit_stop", count: 2 },
    ]);
    expect(d.observations.byTimeOfDay).toEqual([
      { timeOfDay: "day", count: 0 },
      { timeOfDay: "dusk", count: 0 },
      { timeOfDay: "dark", count: 2 },
    ]);
  });

  it("exposes published observations, never held ones, through Open311", async () => {
    const list = await (await call(requestsLoader, new Request("http://localhost/open311/v2/requests.json?service_code=lighting"))).json();
    const obs = list.filter((r: { service_request_id: string }) => r.service_request_id.startsWith("observation-"));
    expect(obs.map((r: { service_request_id: string }) => r.service_request_id)).toContain(`observation-${published}`);
    expect(obs.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(`observation-${pending}`);
    const one = obs.find((r: { service_request_id: string }) => r.service_request_id === `observation-${published}`);
    expect(Object.keys(one).sort()).toEqual([...SERVICE_REQUEST_FIELDS].sort());
    expect(one).toMatchObject({
      status: "open",
      service_code: "lighting",
      status_notes: "Föreslagen",
      lat: 59.27,
      long: 18.13,
      address: "Skarpnäcks allé 20",
      description: "Belysning, Hållplatser och kollektivtrafik. Mörkt vid busshållplatsen",
    });
    expect(JSON.stringify(list)).not.toContain("Grupp Ängsull");
    const held = await call(requestLoader, new Request(`http://localhost/open311/v2/requests/observation-${pending}.json`), {
      file: `observation-${pending}.json`,
    });
    expect(held.status).toBe(404);
    const single = await (
      await call(requestLoader, new Request(`http://localhost/open311/v2/requests/observation-${published}.json`), { file: `observation-${published}.json` })
    ).json();
    expect(single[0].service_request_id).toBe(`observation-${published}`);
  });
});
