import { describe, expect, it } from "vitest";
import { allowedWalkEvents, observationWindow, transitionWalk } from "~/domain/walks/lifecycle";
import { distanceMeters, expandBBox, inBBox, isValidLatLng, parseRouteText, routeToText } from "~/domain/walks/geo";
import { checkObservationRate, OBSERVATIONS_PER_WALK } from "~/domain/walks/rate";
import { csvField, toCsv, toGeoJson, type ExportObservation } from "~/domain/walks/export";
import { screenObservation } from "~/domain/walks/screen";
import { sniffImage } from "~/domain/walks/image-check";
import { categoryMask } from "~/domain/walks/observations.server";

const bbox = { south: 59.245, west: 18.06, north: 59.3, east: 18.175 };

describe("walk lifecycle", () => {
  const now = new Date("2026-03-01T17:00:00Z");
  it("walks through every step in order", () => {
    expect(allowedWalkEvents("planned")).toEqual(["preMeeting", "start"]);
    expect(transitionWalk({ status: "planned", startsAt: now.toISOString() }, "preMeeting", { now })).toEqual({ ok: true, to: "pre_meeting" });
    expect(transitionWalk({ status: "ongoing", startsAt: now.toISOString() }, "finish", { now })).toEqual({ ok: true, to: "protocol" });
    expect(transitionWalk({ status: "protocol", startsAt: now.toISOString() }, "closingMeeting", { now })).toEqual({ ok: true, to: "closing_meeting" });
    expect(transitionWalk({ status: "closing_meeting", startsAt: now.toISOString() }, "followUp", { now })).toEqual({ ok: true, to: "follow_up" });
    expect(allowedWalkEvents("follow_up")).toEqual([]);
  });
  it("starting needs weather and actual light, and not too early", () => {
    const w = { status: "pre_meeting" as const, startsAt: now.toISOString() };
    expect(transitionWalk(w, "start", { now })).toEqual({ ok: false, error: "walks.errors.startDetailsMissing" });
    expect(transitionWalk(w, "start", { now, weather: " ", actualLight: "dusk" })).toEqual({ ok: false, error: "walks.errors.startDetailsMissing" });
    expect(transitionWalk(w, "start", { now, weather: "Mulet, 4 °C", actualLight: "dusk" })).toEqual({ ok: true, to: "ongoing" });
    expect(transitionWalk({ ...w, startsAt: "2026-03-02T17:00:00Z" }, "start", { now, weather: "Regn", actualLight: "dark" })).toEqual({
      ok: false,
      error: "walks.errors.tooEarlyToStart",
    });
  });
  it("refuses steps out of order", () => {
    expect(transitionWalk({ status: "planned", startsAt: now.toISOString() }, "finish", { now }).ok).toBe(false);
  });
  it("observations: live while ongoing, afterwards within the window, closed before and after", () => {
    const endsAt = "2026-03-01T19:00:00Z";
    expect(observationWindow({ status: "planned", endsAt }, now, 14)).toEqual({ open: false, reason: "walks.errors.notStarted" });
    expect(observationWindow({ status: "ongoing", endsAt }, now, 14)).toEqual({ open: true, afterwards: false });
    expect(observationWindow({ status: "protocol", endsAt }, new Date("2026-03-10T00:00:00Z"), 14)).toEqual({ open: true, afterwards: true });
    expect(observationWindow({ status: "protocol", endsAt }, new Date("2026-03-16T00:00:00Z"), 14)).toEqual({
      open: false,
      reason: "walks.errors.windowClosed",
    });
  });
});

describe("geo checks", () => {
  it("validates numbers and ranges", () => {
    expect(isValidLatLng(59.27, 18.1)).toBe(true);
    expect(isValidLatLng(91, 18)).toBe(false);
    expect(isValidLatLng(59, -181)).toBe(false);
    expect(isValidLatLng(Number.NaN, 18)).toBe(false);
    expect(isValidLatLng("59", 18)).toBe(false);
  });
  it("accepts points inside the bbox and within the margin, refuses beyond it", () => {
    expect(inBBox({ lat: 59.27, lng: 18.1 }, bbox)).toBe(true);
    // ~300 m north of the edge: inside the 500 m margin.
    expect(inBBox({ lat: 59.3027, lng: 18.1 }, bbox)).toBe(true);
    // ~1 km north: outside.
    expect(inBBox({ lat: 59.309, lng: 18.1 }, bbox)).toBe(false);
    // Swapped coordinates are far away.
    expect(inBBox({ lat: 18.1, lng: 59.27 }, bbox)).toBe(false);
    const e = expandBBox(bbox, 500);
    expect(distanceMeters({ lat: bbox.north, lng: 18.1 }, { lat: e.north, lng: 18.1 })).toBeCloseTo(500, -1);
    expect(distanceMeters({ lat: 59.27, lng: bbox.east }, { lat: 59.27, lng: e.east })).toBeGreaterThan(480);
  });
  it("parses a typed route into GeoJSON order and back", () => {
    const r = parseRouteText("59.27, 18.10\n59.2705;18.1135\n59.271 18.12", bbox);
    expect(r).toEqual({
      ok: true,
      route: [
        [18.1, 59.27],
        [18.1135, 59.2705],
        [18.12, 59.271],
      ],
    });
    if (r.ok) expect(routeToText(r.route)).toBe("59.27, 18.1\n59.2705, 18.1135\n59.271, 18.12");
    expect(parseRouteText("", bbox)).toEqual({ ok: true, route: null });
    expect(parseRouteText("59.27, 18.10", bbox)).toEqual({ ok: false, error: "walks.errors.routeFormat" });
    expect(parseRouteText("abc\n59.27,18.1", bbox)).toEqual({ ok: false, error: "walks.errors.routeFormat" });
    expect(parseRouteText("59.27,18.1\n59.5,18.1", bbox)).toEqual({ ok: false, error: "walks.errors.routeOutside" });
    expect(parseRouteText(Array.from({ length: 501 }, () => "59.27,18.1").join("\n"))).toEqual({ ok: false, error: "walks.errors.routeTooLong" });
  });
});

describe("rate limits", () => {
  const now = new Date("2026-03-01T17:00:10Z");
  it("one observation per 5 s and 200 per walk per participant", () => {
    expect(checkObservationRate({ lastAt: null, countInWalk: 0, now })).toEqual({ ok: true });
    expect(checkObservationRate({ lastAt: "2026-03-01T17:00:06Z", countInWalk: 3, now })).toEqual({
      ok: false,
      error: "walks.errors.tooFast",
      retryAfterMs: 1000,
    });
    expect(checkObservationRate({ lastAt: "2026-03-01T17:00:05Z", countInWalk: 3, now })).toEqual({ ok: true });
    expect(checkObservationRate({ lastAt: null, countInWalk: OBSERVATIONS_PER_WALK, now })).toEqual({ ok: false, error: "walks.errors.tooMany" });
  });
});

describe("exports", () => {
  const item: ExportObservation = {
    number: 1,
    id: 7,
    lat: 59.2705123456,
    lng: 18.1135,
    approximate: false,
    address: "Skarpnäcks allé 1",
    lampPost: "B-123",
    categories: ["lighting"],
    positive: false,
    feeling: 1,
    ratings: { lighting: 0 },
    description: 'Mörkt, "helt" släckt',
    timeOfDay: "dark",
    raisedBy: "Grupp 2",
    addedAfterwards: false,
    proposedMeasure: null,
    responsibleParty: "Trafikkontoret",
    priority: "high",
    followupStatus: "new",
    partyReply: null,
    photoUrl: null,
    createdAt: "2026-03-01T17:00:00Z",
  };
  it("GeoJSON is an RFC 7946 FeatureCollection with [longitude, latitude]", () => {
    const g = toGeoJson([item], { walkId: 3, title: "Vandring" });
    expect(g.type).toBe("FeatureCollection");
    expect(g.features[0].type).toBe("Feature");
    expect(g.features[0].geometry).toEqual({ type: "Point", coordinates: [18.1135, 59.2705123] });
    expect(g.features[0].properties.categories).toEqual(["lighting"]);
    // No "crs" member: RFC 7946 removed it, WGS84 is implied.
    expect("crs" in g).toBe(false);
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });
  it("CSV quotes separators and quotes, and defuses formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("+46701234567")).toBe("'+46701234567");
    expect(csvField(-3.5)).toBe("-3.5");
    expect(csvField(null)).toBe("");
    const csv = toCsv(["a", "b"], [["å", 1]]);
    expect(csv.startsWith("\uFEFFa,b\r\n")).toBe(true);
    expect(csv.endsWith("å,1\r\n")).toBe(true);
  });
});

describe("screening and sniffing", () => {
  it("holds personal data, lets place addresses through", () => {
    expect(screenObservation({ description: "Ring mig på 070-123 45 67", address: null, raisedBy: null })).toEqual(["phone"]);
    expect(screenObservation({ description: "Mejla anna@example.com", address: null, raisedBy: null })).toEqual(["email"]);
    expect(screenObservation({ description: "Lampan vid Skarpnäcks allé 19 är trasig", address: "Skarpnäcks allé 19", raisedBy: "Grupp 1" })).toEqual([]);
  });
  it("recognises images by their bytes only", () => {
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("png");
    expect(sniffImage(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("webp");
    expect(sniffImage(new TextEncoder().encode("<svg xmlns="))).toBe(null);
    expect(sniffImage(new TextEncoder().encode("GIF89a"))).toBe(null);
  });
  it("packs categories into a bitmask in vocabulary order", () => {
    expect(categoryMask(["lighting"])).toBe(1);
    expect(categoryMask(["lighting", "vegetation", "positive"])).toBe(1 | 2 | (1 << 14));
  });
});
