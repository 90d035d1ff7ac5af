import { describe, expect, it } from "vitest";
import { createI18n } from "~/i18n/i18n";
import {
  countByParty,
  countByStatus,
  lastMonths,
  median,
  medianDaysToDone,
  monthlyTrend,
  observationFigures,
  type FigureRow,
} from "~/domain/measures/dashboard";
import { csvCell, toCsv } from "~/domain/measures/csv";
import {
  measureToRequest,
  observationStatus,
  observationToRequest,
  open311Status,
  parseRequestId,
  SERVICE_REQUEST_FIELDS,
  services,
  SERVICE_FIELDS,
} from "~/domain/measures/open311";
import { parseRequestsQuery } from "~/domain/measures/open311.server";

const row = (over: Partial<FigureRow>): FigureRow => ({
  status: "sent",
  organisationName: "Stockholmshem",
  createdAt: "2026-01-05T10:00:00.000Z",
  doneAt: null,
  dueDate: null,
  plannedDate: null,
  ...over,
});

const ROWS: FigureRow[] = [
  row({ status: "done", createdAt: "2026-01-01T10:00:00.000Z", doneAt: "2026-01-11T10:00:00.000Z" }), // 10 days
  row({ status: "verified", organisationName: "Trafikkontoret", createdAt: "2026-01-01T10:00:00.000Z", doneAt: "2026-01-31T10:00:00.000Z" }), // 30 days
  row({ status: "done", organisationName: "Trafikkontoret", createdAt: "2026-02-01T10:00:00.000Z", doneAt: "2026-03-03T10:00:00.000Z" }), // 30 days
  row({ status: "verified", createdAt: "2025-12-01T10:00:00.000Z", doneAt: "2026-03-10T10:00:00.000Z" }), // 99 days
  row({ status: "sent", createdAt: "2026-03-01T10:00:00.000Z", dueDate: "2026-03-05" }), // overdue
  row({ status: "declined", organisationName: "Polisen", createdAt: "2026-02-15T10:00:00.000Z", dueDate: "2026-02-20" }),
];

describe("dashboard figures", () => {
  it("takes the median of odd and even counts", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([10, 30, 30, 99])).toBe(30);
    expect(median([1, 2])).toBe(1.5);
  });

  it("measures median days from proposed to done over done and verified measures", () => {
    expect(medianDaysToDone(ROWS)).toBe(30);
    expect(medianDaysToDone([ROWS[0], ROWS[1]])).toBe(20);
    expect(medianDaysToDone([ROWS[4]])).toBeNull();
  });

  it("counts by status in machine order", () => {
    expect(countByStatus(ROWS)).toEqual([
      { status: "proposed", count: 0 },
      { status: "sent", count: 1 },
      { status: "accepted", count: 0 },
      { status: "declined", count: 1 },
      { status: "planned", count: 0 },
      { status: "done", count: 2 },
      { status: "verified", count: 2 },
    ]);
  });

  it("counts by responsible party with overdue items", () => {
    expect(countByParty(ROWS, "2026-03-15")).toEqual([
      { organisation: "Polisen", open: 0, done: 0, declined: 1, overdue: 0 },
      { organisation: "Stockholmshem", open: 1, done: 2, declined: 0, overdue: 1 },
      { organisation: "Trafikkontoret", open: 0, done: 2, declined: 0, overdue: 0 },
    ]);
  });

  it("builds a monthly trend across a year boundary", () => {
    expect(lastMonths("2026-02-14", 4)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthlyTrend(ROWS, "2026-03-15", 4)).toEqual([
      { month: "2025-12", proposed: 1, done: 0 },
      { month: "2026-01", proposed: 2, done: 2 },
      { month: "2026-02", proposed: 2, done: 0 },
      { month: "2026-03", proposed: 1, done: 2 },
    ]);
  });
});

describe("CSV", () => {
  it("quotes, escapes and defuses formulas", () => {
    expect(csvCell('Säg "hej", sa han')).toBe('"Säg ""hej"", sa han"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell(null)).toBe("");
    expect(toCsv(["a", "b"], [[1, "två\nrader"]])).toBe('\uFEFFa,b\r\n1,"två\nrader"\r\n');
  });
});

describe("Open311 GeoReport v2 mapping", () => {
  const t = createI18n("sv").t;
  it("maps a measure to exactly the GeoReport v2 service request fields", () => {
    const r = measureToRequest(
      {
        id: 12,
        title: "Byt armaturer",
        description: "I gångtunneln",
        category: "lighting",
        status: "planned",
        organisationName: "Trafikkontoret",
        districtName: "Skarpnäck",
        address: "Gångtunneln vid Skarpnäcks allé",
        lat: 59.27,
        lng: 18.13,
        createdAt: "2026-01-01T00:00:00.000Z",
        updatedAt: "2026-01-02T00:00:00.000Z",
        plannedDate: "2026-04-01",
        dueDate: null,
        declineReason: null,
        latestComment: "Vecka 14",
      },
      t,
      "https://tryggve.example",
    );
    expect(Object.keys(r).sort()).toEqual([...SERVICE_REQUEST_FIELDS].sort());
    expect(r).toMatchObject({
      service_request_id: "measure-12",
      status: "open",
      status_notes: "Planerad: Vecka 14",
      service_code: "lighting",
      service_name: "Belysning",
      agency_responsible: "Trafikkontoret",
      expected_datetime: "2026-04-01T00:00:00Z",
      lat: 59.27,
      long: 18.13,
      service_notice: "https://tryggve.example/atgarder/12",
    });
  });

  it("lists services with the GeoReport fields", () => {
    const s = services(t);
    expect(s.length).toBeGreaterThan(10);
    for (const svc of s) expect(Object.keys(svc).sort()).toEqual([...SERVICE_FIELDS].sort());
  });

  it("closes resolved measures and parses ids and filters", () => {
    expect(open311Status("done")).toBe("closed");
    expect(open311Status("declined")).toBe("closed");
    expect(open311Status("accepted")).toBe("open");
    expect(parseRequestId("measure-3")).toEqual({ type: "measure", id: 3 });
    expect(parseRequestId("3")).toBeNull();
    expect(parseRequestsQuery(new URLSearchParams("status=pending")).ok).toBe(false);
    expect(parseRequestsQuery(new URLSearchParams("service_code=nope")).ok).toBe(false);
    expect(parseRequestsQuery(new URLSearchParams("start_date=2026-03-01T00:00:00Z&end_date=2026-01-01T00:00:00Z")).ok).toBe(false);
    expect(parseRequestsQuery(new URLSearchParams("service_request_id=measure-1,measure-2&status=open"))).toEqual({
      ok: true,
      query: {
        serviceRequestIds: [
          { type: "measure", id: 1 },
          { type: "measure", id: 2 },
        ],
        serviceCodes: null,
        status: "open",
        startDate: null,
        endDate: null,
      },
    });
  });
});

describe("observation figures", () => {
  it("counts each category an observation carries and every time of day", () => {
    const f = observationFigures(
      [
        { categories: ["lighting", "vegetation"], timeOfDay: "dark" },
        { categories: ["lighting"], timeOfDay: "dark" },
        { categories: ["graffiti"], timeOfDay: "day" },
      ],
      ["lighting", "vegetation", "graffiti", "litter"],
    );
    expect(f.total).toBe(3);
    expect(f.byCategory).toEqual([
      { category: "lighting", count: 2 },
      { category: "vegetation", count: 1 },
      { category: "graffiti", count: 1 },
    ]);
    expect(f.byTimeOfDay).toEqual([
      { timeOfDay: "day", count: 1 },
      { timeOfDay: "dusk", count: 0 },
      { timeOfDay: "dark", count: 2 },
    ]);
  });
});

describe("Open311 observations", () => {
  const t = createI18n("sv").t;
  it("maps a published observation to the GeoReport fields and closes it once its measures are resolved", () => {
    const o = {
      id: 4,
      walkId: 2,
      description: "Mörkt",
      categories: ["other", "lighting"],
      organisationName: null,
      address: null,
      lat: 59.2,
      lng: 18.1,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
      measureStatuses: [] as never[],
    };
    const r = observationToRequest(o, t, "https://tryggve.example");
    expect(Object.keys(r).sort()).toEqual([...SERVICE_REQUEST_FIELDS].sort());
    expect(r).toMatchObject({
      service_request_id: "observation-4",
      status: "open",
      service_code: "lighting",
      service_notice: "https://tryggve.example/vandringar/2",
    });
    expect(observationStatus({ measureStatuses: ["done", "declined"] })).toBe("closed");
    expect(observationStatus({ measureStatuses: ["done", "planned"] })).toBe("open");
  });
});
