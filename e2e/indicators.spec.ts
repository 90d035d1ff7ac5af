/**
 * The district's safety picture (issue 15): a moderator imports indicator values from CSV (a bad
 * row is listed and nothing is imported; the corrected file imports), and the district overview
 * shows perceived insecurity and reported crime side by side with tables, sources and caveats,
 * beside the dialogues' answers to the standard safety question. axe at 390 and 1280 px.
 */
import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { openSqlite } from "../db/connection";
import { ACCOUNTS, appNow, expect, expectAccessible, signIn, test } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function expectAccessibleAtBothWidths(page: Page, label: string) {
  await page.setViewportSize(PHONE);
  await expectAccessible(page, `${label} (phone)`);
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page, `${label} (desktop)`);
}

const HEADER = "source_name,source_url,indicator,district,period,value,unit,note,category";
const rows = (bad: boolean) =>
  [
    HEADER,
    "Trygghetsmätningen (test),https://example.org/tm,perceived_unsafe,rinkeby-kista,2023,31,%,,",
    "Trygghetsmätningen (test),https://example.org/tm,perceived_unsafe,rinkeby-kista,2024,28,%,,",
    `Anmälda brott (test),https://example.org/bra,reported_crime,rinkeby-kista,2024,${bad ? "många" : "640"},anmälningar,,Skadegörelse`,
  ].join("\n");

/** A closed standard-safety-question poll with answers in a Rinkeby-Kista dialogue (set-up straight into the database). */
async function closedSafetyPoll(now: Date) {
  const db = openSqlite(process.env.E2E_DATABASE_PATH ?? "./data/e2e.sqlite");
  try {
    const district = db.prepare("select id from districts where slug = 'rinkeby-kista'").get() as { id: number };
    const stamp = now.toISOString();
    const dialogue = db
      .prepare(
        `insert into dialogues (district_id, title, status, starts_at, ends_at, format, purpose, ladder_level, published_at, created_at, updated_at)
         values (?, 'Trygghetsdialog i Rinkeby (omröstning)', 'ended', ?, ?, 'hybrid', 'Frågestund', 'dialog', ?, ?, ?) returning id`,
      )
      .get(district.id, new Date(now.getTime() - 3 * 3600_000).toISOString(), new Date(now.getTime() - 3600_000).toISOString(), stamp, stamp, stamp) as {
      id: number;
    };
    const options = JSON.stringify(["very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe", "never_out"]);
    const poll = db
      .prepare(
        `insert into polls (dialogue_id, kind, question, options, status, revealed, position, created_at, opened_at, closed_at)
         values (?, 'safety', 'Hur trygg eller otrygg känner du dig när du går ut ensam sent en kväll i ditt område?', ?, 'closed', 1, 1, ?, ?, ?) returning id`,
      )
      .get(dialogue.id, options, stamp, stamp, stamp) as { id: number };
    for (const choice of [1, 2, 3, 0]) {
      const answer = db
        .prepare("insert into poll_answers (poll_id, participant_id, idempotency_key, created_at) values (?, ?, ?, ?) returning id")
        .get(poll.id, crypto.randomUUID(), crypto.randomUUID(), stamp) as { id: number };
      db.prepare("insert into poll_answer_choices (answer_id, poll_id, option_index) values (?, ?, ?)").run(answer.id, poll.id, choice);
    }
  } finally {
    db.close();
  }
}

test("staff import indicators and the district page shows both series with tables", async ({ page, request }) => {
  test.setTimeout(90_000);
  await closedSafetyPoll(await appNow(request));
  await signIn(page, ACCOUNTS.moderator);
  await page.goto("/personal/indikatorer");
  await expect(page.getByRole("heading", { level: 1, name: "Importera indikatorer" })).toBeVisible();
  await expectAccessibleAtBothWidths(page, "indicator import");

  await page.getByLabel("CSV-innehåll").fill(rows(true));
  await page.getByRole("button", { name: "Importera" }).click();
  const result = page.getByTestId("indicator-result");
  await expect(result.getByRole("heading", { name: "Rader med fel – ingenting har importerats" })).toBeVisible();
  await expect(result.getByText("Rad 4, kolumn value: Värdet är inte ett tal.")).toBeVisible();
  await expectAccessibleAtBothWidths(page, "indicator import with a bad row");

  await page.getByLabel("CSV-innehåll").fill(rows(false));
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(result.getByText("3 rader är giltiga.")).toBeVisible();
  await expectAccessibleAtBothWidths(page, "indicator preview");
  await page.getByRole("button", { name: "Importera" }).click();
  await expect(result.getByText("3 värden importerades.")).toBeVisible();

  await page.goto("/omraden/rinkeby-kista/oversikt");
  const picture = page.getByTestId("safety-picture");
  const perceived = picture.getByTestId("perceived-series");
  await expect(perceived.getByRole("table", { name: "Upplevd otrygghet" }).getByRole("row", { name: /2024 28 %/ })).toBeVisible();
  await expect(perceived.getByRole("link", { name: "Trygghetsmätningen (test)" })).toBeVisible();
  const crime = picture.getByTestId("crime-series");
  await expect(crime.getByRole("table", { name: "Anmälda brott" }).getByRole("row", { name: /2024 Skadegörelse 640 anmälningar/ })).toBeVisible();
  await expect(crime.getByText(/Anmälda brott är inte alla brott/)).toBeVisible();
  const polls = picture.getByTestId("poll-series");
  await expect(polls.getByRole("row", { name: /Trygghetsdialog i Rinkeby \(omröstning\).* 4 50/ })).toBeVisible();
  await expectAccessibleAtBothWidths(page, "district overview with the safety picture");
});
