import { describe, expect, it } from "vitest";
import { parseIndicatorCsv } from "~/domain/indicators/import";

const districts = [
  { id: 1, slug: "skarpnack", name: "Skarpnäck" },
  { id: 2, slug: "rinkeby-kista", name: "Rinkeby-Kista" },
];
const HEADER = "source_name,source_url,indicator,district,period,value,unit,note,category";

describe("indicator CSV parsing", () => {
  it("reads valid rows: district by slug or name, decimal comma, quarters and months", () => {
    const csv = [
      HEADER,
      'Stockholms stad trygghetsmätning,https://example.org/tm,perceived_unsafe,Skarpnäck,2024,"23,5",%,,',
      "BRÅ,https://example.org/bra,reported_crime,rinkeby-kista,2024-Q2,312,anmälningar,preliminär,Misshandel",
      "Polisen,https://example.org/p,reported_crime,skarpnack,2024-03,17,anmälningar,,",
    ].join("\n");
    const r = parseIndicatorCsv(csv, districts);
    expect(r.ok).toBe(true);
    expect(r.rows.map((x) => [x.districtId, x.indicator, x.period, x.value, x.category, x.note])).toEqual([
      [1, "perceived_unsafe", "2024", "23.5", "", null],
      [2, "reported_crime", "2024-Q2", "312", "Misshandel", "preliminär"],
      [1, "reported_crime", "2024-03", "17", "", null],
    ]);
  });

  it("semicolon-separated files (Swedish spreadsheets) work too", () => {
    const r = parseIndicatorCsv(
      "source_name;source_url;indicator;district;period;value;unit;note\nBRÅ;https://example.org;reported_crime;skarpnack;2023;12,0;st;",
      districts,
    );
    expect(r.ok && r.rows[0]!.value).toBe("12");
  });

  it("lists every bad row with its line and column: unknown district, bad period, not a number", () => {
    const csv = [
      HEADER,
      "BRÅ,https://example.org,reported_crime,Atlantis,2024,10,st,,",
      "BRÅ,https://example.org,reported_crime,skarpnack,2024-13,10,st,,",
      "BRÅ,https://example.org,reported_crime,skarpnack,2024,tio,st,,",
      "BRÅ,ftp://example.org,fear,skarpnack,2024,10,,,",
      "BRÅ,https://example.org,reported_crime,skarpnack,2022,10,st,,",
    ].join("\n");
    const r = parseIndicatorCsv(csv, districts);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      { line: 2, field: "district", key: "indicators.errors.district" },
      { line: 3, field: "period", key: "indicators.errors.period" },
      { line: 4, field: "value", key: "indicators.errors.value" },
      { line: 5, field: "source_url", key: "indicators.errors.sourceUrl" },
      { line: 5, field: "indicator", key: "indicators.errors.indicator" },
      { line: 5, field: "unit", key: "indicators.errors.unit" },
    ]);
    expect(r.rows).toHaveLength(1);
  });

  it("refuses a file without the required columns, an empty one, and duplicates", () => {
    const missing = parseIndicatorCsv("source_name,value\nx,1", districts);
    expect(!missing.ok && missing.errors.map((e) => e.field)).toEqual(["source_url", "indicator", "district", "period", "unit"]);
    expect(parseIndicatorCsv("", districts)).toMatchObject({ ok: false, errors: [{ key: "indicators.errors.empty" }] });
    const dup = [HEADER, "BRÅ,https://e.org,reported_crime,skarpnack,2024,1,st,,", "BRÅ,https://e.org,reported_crime,skarpnack,2024,2,st,,"].join("\n");
    expect(parseIndicatorCsv(dup, districts)).toMatchObject({ ok: false, errors: [{ line: 3, key: "indicators.errors.duplicate" }] });
  });
});
