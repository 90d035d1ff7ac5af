import { describe, expect, it } from "vitest";
import { dialogueIcs, districtFeedIcs } from "~/domain/dialogues/ical.server";
import type { Dialogue } from "~/domain/dialogues/dialogues.server";
import { localToUtc } from "~/domain/common/time";
import { serverT } from "~/i18n/i18n";

function make(id: number, date: string): Dialogue {
  return {
    id,
    districtId: 1,
    districtSlug: "skarpnack",
    districtName: "Skarpnäck",
    title: `Trygghetsdialog ${id}, med komma; och semikolon`,
    status: "published",
    placeAddress: "Skarpnäcks allé 1",
    lat: 59.27,
    lng: 18.11,
    startsAt: localToUtc(date, "18:00")!.toISOString(),
    endsAt: localToUtc(date, "19:30")!.toISOString(),
    format: "hybrid",
    streamUrl: null,
    meetingUrl: null,
    agenda: ["Välkommen", "Frågor"],
    accessibility: { hearingLoop: true, signLanguage: false, stepFree: true, interpretation: null, notes: null },
    purpose: "Belysning",
    ladderLevel: "dialog",
    influenceOpen: "a",
    influenceClosed: "b",
    capacity: null,
    headcount: null,
    remotePeak: 0,
    feedbackSummary: null,
    feedbackNextSteps: null,
    feedbackPublishedAt: null,
    publishedAt: "2026-01-01T00:00:00.000Z",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-02T00:00:00.000Z",
  };
}

const t = serverT("sv");

describe("iCalendar output", () => {
  it("keeps 18:00 Stockholm time across the spring daylight-saving change", () => {
    const before = dialogueIcs(make(1, "2026-03-28"), "https://tryggve.example", t);
    const after = dialogueIcs(make(2, "2026-03-30"), "https://tryggve.example", t);
    expect(before).toContain("DTSTART:20260328T170000Z");
    expect(before).toContain("DTEND:20260328T183000Z");
    expect(after).toContain("DTSTART:20260330T160000Z");
    expect(after).toContain("DTEND:20260330T173000Z");
  });

  it("keeps local time across the autumn change too", () => {
    expect(dialogueIcs(make(3, "2026-10-24"), "https://tryggve.example", t)).toContain("DTSTART:20261024T160000Z");
    expect(dialogueIcs(make(4, "2026-10-26"), "https://tryggve.example", t)).toContain("DTSTART:20261026T170000Z");
  });

  it("is a valid VCALENDAR with a stable UID, METHOD:PUBLISH, escaped text and CRLF lines", () => {
    const ics = dialogueIcs(make(7, "2026-05-05"), "https://tryggve.example", t);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain("VERSION:2.0");
    expect(ics).toContain("METHOD:PUBLISH");
    expect(ics).toContain("UID:dialogue-7@tryggve.example");
    expect(ics).toContain("SUMMARY:Trygghetsdialog 7\\, med komma\\; och semikolon");
    expect(ics).toContain("URL;VALUE=URI:https://tryggve.example/dialoger/7");
    expect(ics.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it("builds a district feed with every dialogue and a refresh interval", () => {
    const feed = districtFeedIcs("Skarpnäck", [make(1, "2026-03-28"), make(2, "2026-03-30")], "https://tryggve.example", t);
    expect(feed.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(feed).toContain("X-WR-CALNAME:Trygghetsdialoger i Skarpnäck");
    expect(feed).toMatch(/REFRESH-INTERVAL;VALUE=DURATION:PT6H|X-PUBLISHED-TTL:PT6H/);
  });
});
