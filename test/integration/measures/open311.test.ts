/** Open311 GeoReport v2 endpoints against a real database; field names checked against the spec's list. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { createTestDb } from "../../helpers/db";
import { testContext } from "../../helpers/context";
import { makeDistrict, makeOrganisation } from "../../helpers/factories";
import { loader as servicesLoader } from "~/routes/open311.v2.services[.]json";
import { loader as requestsLoader } from "~/routes/open311.v2.requests[.]json";
import { loader as requestLoader } from "~/routes/open311.v2.requests.$file";

// The GeoReport v2 service request fields (https://wiki.open311.org/GeoReport_v2#GET_Service_Requests).
const GEOREPORT_REQUEST_FIELDS = [
  "service_request_id",
  "status",
  "status_notes",
  "service_name",
  "service_code",
  "description",
  "agency_responsible",
  "service_notice",
  "requested_datetime",
  "updated_datetime",
  "expected_datetime",
  "address",
  "address_id",
  "zipcode",
  "lat",
  "long",
  "media_url",
].sort();
const GEOREPORT_SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"].sort();

let db: DB;
const ids: number[] = [];
const ctx = () => testContext(db);
const get = async (fn: typeof requestsLoader, url: string, params: Record<string, string> = {}) =>
  (await fn({ request: new Request(`http://localhost${url}`), params, context: ctx() })) as Response;

beforeAll(async () => {
  db = await createTestDb();
  const district = await makeDistrict(db);
  const org = await makeOrganisation(db, { name: "Trafikkontoret" });
  const rows: Array<[string, string, "proposed" | "planned" | "done" | "declined", string]> = [
    ["Ny belysning", "lighting", "planned", new Date(Date.now() - 5 * 86400e3).toISOString()],
    ["Klotter sanerat", "graffiti", "done", new Date(Date.now() - 20 * 86400e3).toISOString()],
    ["Avböjd", "traffic", "declined", new Date(Date.now() - 200 * 86400e3).toISOString()],
  ];
  for (const [title, category, status, created] of rows) {
    const r = await db
      .insertInto("measures")
      .values({
        district_id: district.id,
        title,
        description: "Beskrivning",
        category,
        responsible_organisation_id: org.id,
        status,
        created_at: created,
        updated_at: created,
        planned_date: status === "planned" ? "2026-12-01" : null,
        decline_reason: status === "declined" ? "Inte vår mark" : null,
        location_lat: 59.3,
        location_lng: 18.0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(r.id);
  }
});
afterAll(async () => {
  await db.destroy();
});

describe("Open311 GeoReport v2", () => {
  it("lists services with exactly the GeoReport fields", async () => {
    const res = await get(servicesLoader, "/open311/v2/services.json");
    expect(res.headers.get("Content-Type")).toContain("application/json");
    const body = await res.json();
    expect(body.find((s: { service_code: string }) => s.service_code === "lighting")).toMatchObject({
      service_name: "Belysning",
      metadata: false,
      type: "blackbox",
    });
    for (const s of body) expect(Object.keys(s).sort()).toEqual(GEOREPORT_SERVICE_FIELDS);
    const en = await (await get(servicesLoader, "/open311/v2/services.json?locale=en_US")).json();
    expect(en[0].service_name).toBe("Lighting");
  });

  it("lists requests of the last 90 days by default, with exactly the GeoReport fields", async () => {
    const body = await (await get(requestsLoader, "/open311/v2/requests.json")).json();
    expect(body.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([`measure-${ids[0]}`, `measure-${ids[1]}`].sort());
    for (const r of body) {
      expect(Object.keys(r).sort()).toEqual(GEOREPORT_REQUEST_FIELDS);
      expect(["open", "closed"]).toContain(r.status);
      expect(typeof r.lat).toBe("number");
      expect(typeof r.long).toBe("number");
      expect(Date.parse(r.requested_datetime)).not.toBeNaN();
    }
  });

  it("applies status, service_code, date and id filters", async () => {
    const open = await (await get(requestsLoader, "/open311/v2/requests.json?status=open")).json();
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([`measure-${ids[0]}`]);
    expect(open[0].expected_datetime).toBe("2026-12-01T00:00:00Z");
    const closed = await (await get(requestsLoader, "/open311/v2/requests.json?status=closed&service_code=graffiti,traffic")).json();
    expect(closed.map((r: { service_code: string }) => r.service_code)).toEqual(["graffiti"]);
    const old = await (
      await get(requestsLoader, `/open311/v2/requests.json?start_date=2000-01-01T00:00:00Z&end_date=${new Date(Date.now() - 100 * 86400e3).toISOString()}`)
    ).json();
    expect(old).toHaveLength(1);
    expect(old[0].status_notes).toBe("Avböjd: Inte vår mark");
    const byId = await (await get(requestsLoader, `/open311/v2/requests.json?service_request_id=measure-${ids[2]},measure-${ids[0]}`)).json();
    expect(byId).toHaveLength(2);
  });

  it("answers bad filters with a GeoReport error array", async () => {
    const res = await get(requestsLoader, "/open311/v2/requests.json?status=pending");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ code: 400, description: "status must be open or closed" }]);
  });

  it("serves one request as an array of one and 404s unknown ids", async () => {
    const one = await (await get(requestLoader, `/open311/v2/requests/measure-${ids[1]}.json`, { file: `measure-${ids[1]}.json` })).json();
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ service_request_id: `measure-${ids[1]}`, status: "closed", agency_responsible: "Trafikkontoret" });
    expect((await get(requestLoader, "/open311/v2/requests/measure-999.json", { file: "measure-999.json" })).status).toBe(404);
    expect((await get(requestLoader, "/open311/v2/requests/12.xml", { file: "12.xml" })).status).toBe(404);
  });
});
