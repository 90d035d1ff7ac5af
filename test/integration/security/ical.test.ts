// Issue 10, finding 8 (part): a staff-entered title with line breaks injected a fake event into the
// public .ics. ical-generator escapes an event's SUMMARY, LOCATION and DESCRIPTION, but writes the
// calendar's NAME / X-WR-CALNAME (the title here) as given. docs/security.md, "Calendars".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../../helpers/app";
import { makeQaDialogue } from "../../helpers/qa";

const INJECTION = "Trygghetsdialog\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Fake";
let app: App;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.close();
});

/** The content lines of an iCalendar text (RFC 5545: CRLF-separated, folded lines start with a space). */
function contentLines(ics: string): string[] {
  return ics.split(/\r\n|\n|\r/).filter((l) => l !== "" && !l.startsWith(" "));
}

function expectOneEvent(ics: string, uid: string) {
  const lines = contentLines(ics);
  expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
  expect(lines.filter((l) => l === "END:VEVENT")).toHaveLength(1);
  expect(lines).not.toContain("SUMMARY:Fake");
  expect(lines.filter((l) => l.startsWith("UID:"))).toEqual([`UID:${uid}`]);
  // Every content line is a property of the calendar or the event, not text that escaped its field.
  for (const l of lines) expect(l).toMatch(/^[A-Z][A-Z0-9-]*[;:]/);
}

describe("public calendars", () => {
  it("keep a title with line breaks inside its own field: one event, no fake one", async () => {
    const dialogue = await makeQaDialogue(app.db, "published");
    await app.db.updateTable("dialogues").set({ title: INJECTION, place_address: "Torget 1\r\nEND:VEVENT" }).where("id", "=", dialogue.id).execute();
    const district = await app.db.selectFrom("districts").select("slug").where("id", "=", dialogue.district_id).executeTakeFirstOrThrow();

    const one = await fetch(`${app.base}/dialoger/${dialogue.id}/kalender.ics`);
    expect(one.status).toBe(200);
    const oneText = await one.text();
    expectOneEvent(oneText, `dialogue-${dialogue.id}@localhost:3000`);
    expect(contentLines(oneText)).toContain("SUMMARY:Trygghetsdialog END:VEVENT BEGIN:VEVENT SUMMARY:Fake");

    const feed = await fetch(`${app.base}/omraden/${district.slug}/kalender.ics`);
    expect(feed.status).toBe(200);
    expectOneEvent(await feed.text(), `dialogue-${dialogue.id}@localhost:3000`);

    const walk = await app.db.selectFrom("walks").select("id").orderBy("id").executeTakeFirstOrThrow();
    await app.db.updateTable("walks").set({ title: INJECTION, meeting_point: "Entrén\nEND:VEVENT" }).where("id", "=", walk.id).execute();
    const walkIcs = await fetch(`${app.base}/vandringar/${walk.id}/kalender.ics`);
    expect(walkIcs.status).toBe(200);
    expectOneEvent(await walkIcs.text(), `walk-${walk.id}@localhost:3000`);
  });
});
