import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { districtIndicator, importIndicators } from "~/domain/indicators/indicators.server";
import { createTestDb } from "../../helpers/db";
import { makeDistrict, makeStaff } from "../../helpers/factories";

let db: DB;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.destroy();
});

const HEADER = "source_name,source_url,indicator,district,period,value,unit,note";

describe("indicator import", () => {
  it("all or nothing: one bad row among good ones imports nothing; a clean file imports every row", async () => {
    const district = await makeDistrict(db);
    const staff = await makeStaff(db, { role: "moderator" });
    const good = (period: string, value: string) => `BRÅ,https://example.org/bra,reported_crime,${district.slug},${period},${value},anmälningar,`;
    const bad = [HEADER, good("2022", "10"), good("2023", "11"), `BRÅ,https://example.org/bra,reported_crime,${district.slug},2024,elva,anmälningar,`].join(
      "\n",
    );
    const refused = await importIndicators(db, staff, { csv: bad, label: "bad", illustrative: false });
    expect(refused).toMatchObject({ ok: false, imported: 0, errors: [{ line: 4, field: "value" }] });
    expect(await districtIndicator(db, district.id, "reported_crime")).toEqual([]);
    expect(await db.selectFrom("indicator_imports").select("id").execute()).toEqual([]);

    const clean = [
      HEADER,
      good("2022", "10"),
      good("2023", "11"),
      `Trygghetsmätningen,https://example.org/tm,perceived_unsafe,${district.slug},2023,"24,5",%,`,
    ].join("\n");
    const done = await importIndicators(db, staff, { csv: clean, label: "clean", illustrative: true });
    expect(done).toMatchObject({ ok: true, imported: 3 });
    const crime = await districtIndicator(db, district.id, "reported_crime");
    expect(crime.map((c) => [c.period, c.value, c.illustrative])).toEqual([
      ["2022", 10, true],
      ["2023", 11, true],
    ]);
    expect((await districtIndicator(db, district.id, "perceived_unsafe"))[0]).toMatchObject({
      period: "2023",
      value: 24.5,
      unit: "%",
      sourceName: "Trygghetsmätningen",
    });

    // A newer file for the same period and source replaces the value rather than adding a second one.
    await importIndicators(db, staff, { csv: [HEADER, good("2023", "12")].join("\n"), label: "update", illustrative: false });
    expect((await districtIndicator(db, district.id, "reported_crime")).map((c) => c.value)).toEqual([10, 12]);
    const audit = await db.selectFrom("audit_log").select("action").where("action", "=", "indicators.import").execute();
    expect(audit).toHaveLength(2);
  });

  it("the shipped demo file imports (it names the demo districts)", async () => {
    for (const slug of ["skarpnack", "rinkeby-kista"]) {
      if (!(await db.selectFrom("districts").select("id").where("slug", "=", slug).executeTakeFirst())) await makeDistrict(db, { slug, name: slug });
    }
    const staff = await makeStaff(db, { role: "moderator" });
    const csv = fs.readFileSync("docs/examples/indicators-demo.csv", "utf8");
    const r = await importIndicators(db, staff, { csv, label: "demo", illustrative: true });
    expect(r.ok).toBe(true);
  });
});

describe("indicator CSV download", () => {
  it("gives the district's values in the import format, which imports again unchanged", async () => {
    const { loader } = await import("~/routes/omraden.$slug_.trygghet[.]csv");
    const { testContext } = await import("../../helpers/context");
    const district = await makeDistrict(db);
    const staff = await makeStaff(db, { role: "moderator" });
    const csv = [HEADER, `BRÅ,https://example.org/bra,reported_crime,${district.slug},2024,"=1+1",st,"=HYPERLINK()"`].join("\n");
    expect((await importIndicators(db, staff, { csv, label: "x", illustrative: false })).ok).toBe(false); // not a number
    await importIndicators(db, staff, {
      csv: [HEADER, `BRÅ,https://example.org/bra,reported_crime,${district.slug},2024,7,st,"=HYPERLINK()"`].join("\n"),
      label: "x",
      illustrative: false,
    });
    const res = (await loader({
      request: new Request(`http://localhost/omraden/${district.slug}/trygghet.csv`),
      params: { slug: district.slug },
      context: testContext(db),
    })) as Response;
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const body = await res.text();
    // A formula-looking note is neutralised for spreadsheets.
    expect(body).toContain("'=HYPERLINK()");
    const again = await importIndicators(db, staff, { csv: body, label: "round trip", illustrative: false });
    expect(again).toMatchObject({ ok: true, imported: 1 });
  });
});

describe("Tryggve's own figures in the safety picture", () => {
  it("walk feeling ratings per year: the mean of published observations only", async () => {
    const { makeWalk, observation } = await import("../../helpers/walks");
    const { submitObservation } = await import("~/domain/walks/observations.server");
    const { ObservationSchema } = await import("~/domain/walks/walk.schema");
    const { walkFeelingPerYear } = await import("~/domain/indicators/indicators.server");
    const walk = await makeWalk(db);
    for (const [i, feeling] of [0, 3, 2].entries()) {
      const input = ObservationSchema.parse(observation(walk.id, `key-feeling-${i}-${walk.id}`, { feeling }));
      const r = await submitObservation(db, input, { participantId: `p-${i}-${walk.id}`, lateWindowDays: 14 });
      expect(r.ok).toBe(true);
    }
    const rows = await db.selectFrom("walk_observations").select(["id", "status", "feeling"]).where("walk_id", "=", walk.id).execute();
    const published = rows.filter((r) => r.status === "published");
    const year = new Date().toISOString().slice(0, 4);
    const expected = published.length
      ? [{ year, count: published.length, mean: Math.round((10 * published.reduce((a, r) => a + r.feeling, 0)) / published.length) / 10 }]
      : [];
    expect(await walkFeelingPerYear(db, walk.district_id)).toEqual(expected);
    expect(published.length).toBeGreaterThan(0);
  });
});
