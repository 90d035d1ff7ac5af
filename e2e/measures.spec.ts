import { ACCOUNTS, appNow, expect, expectAccessible, signIn, stockholmDate, test } from "./fixtures";

test("staff turns an answered question into a measure for Stockholmshem; the panelist accepts, plans and marks it done; public pages follow", async ({
  page,
  browser,
}) => {
  // About 25 s on a quiet machine and over 40 s on a loaded one, more than half the default 60 s: give it room.
  test.setTimeout(120_000);
  const title = `E2E: Röj buskarna vid Lagaplan ${Date.now()}`;
  const now = await appNow(page.request);

  // Staff: from the past dialogue's answered questions to a new measure.
  await signIn(page, ACCOUNTS.moderator);
  await page.goto("/personal/dialoger");
  await page.getByRole("link", { name: "Trygghetsdialog i Bagarmossen" }).click();
  await page.getByRole("link", { name: "Åtgärder från dialogen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Åtgärder från Trygghetsdialog i Bagarmossen" })).toBeVisible();
  const dialogueMeasuresUrl = page.url();
  const dialogueId = /\/personal\/dialoger\/(\d+)\//.exec(dialogueMeasuresUrl)![1];
  await expectAccessible(page);
  await page.getByRole("link", { name: /Skapa åtgärd: Buskarna vid gården/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ny åtgärd" })).toBeVisible();
  await expect(page.getByLabel("Beskrivning")).toHaveValue("Vi tar med det i vårens skötselplan och röjer buskarna.");
  await expectAccessible(page);
  await page.getByLabel("Rubrik").fill(title);
  await page.getByLabel("Kategori").selectOption({ label: "Skymd sikt och sly" });
  await page.getByLabel("Ansvarig aktör").selectOption({ label: "Stockholmshem" });
  await page.getByLabel("Senast klar").fill(stockholmDate(now, 60));
  await page.getByLabel("Adress eller plats").fill("Lagaplan 5");
  await page.getByLabel("Latitud").fill("59.2757");
  await page.getByLabel("Longitud").fill("18.1315");
  await page.getByRole("button", { name: "Spara åtgärd" }).click();
  await expect(page.getByText("Åtgärden är skapad som föreslagen.")).toBeVisible();
  const measureId = /\/personal\/atgarder\/(\d+)/.exec(page.url())![1];
  await expectAccessible(page);

  // Send the dialogue's commitments: one email to Stockholmshem, waiting in the outbox.
  await page.goto(dialogueMeasuresUrl);
  await page.getByRole("button", { name: "Skicka till ansvariga" }).click();
  await expect(page.getByText("Åtgärder skickade: 1, mejl: 1.")).toBeVisible();
  await expectAccessible(page);
  await page.goto("/personal/utkorg");
  await expect(page.getByRole("link", { name: /Nya åtgärder att hantera \(1\)/ }).first()).toBeVisible();
  await page.goto("/personal/atgarder");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.locator("tr.measure-overdue")).not.toHaveCount(0);
  await expectAccessible(page);

  // The Stockholmshem panelist works through the work list.
  const housing = await browser.newContext({ locale: "sv-SE", timezoneId: "Europe/Stockholm" });
  await housing.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort("blockedbyclient");
  });
  const p = await housing.newPage();
  await signIn(p, ACCOUNTS.housing);
  await p.goto("/personal/atgarder/mina");
  await expect(p.getByRole("heading", { level: 1, name: "Att göra för Stockholmshem" })).toBeVisible();
  await expectAccessible(p);
  await p.getByRole("link", { name: title }).click();
  await expectAccessible(p);
  await p.getByRole("button", { name: "Acceptera" }).click();
  await expect(p.getByText("Åtgärden är accepterad.")).toBeVisible();
  // A decline without a reason is refused with a clear message.
  await p.getByRole("button", { name: "Avböj" }).click();
  await expect(p.getByText("Skriv varför ni avböjer.").first()).toBeVisible();
  await expectAccessible(p);
  await p.getByLabel("Planerat datum").fill(stockholmDate(now, 14));
  await p.getByRole("button", { name: "Planera" }).click();
  await expect(p.getByText("Åtgärden är planerad.")).toBeVisible();
  await p.locator("#done-comment").fill("Buskarna är röjda.");
  await p.getByRole("button", { name: "Markera som genomförd" }).click();
  await expect(p.getByText("Åtgärden är markerad som genomförd.")).toBeVisible();
  await expectAccessible(p);
  await housing.close();

  // Public: the measure page and the dialogue's återkoppling show the new status.
  const resident = await browser.newContext({ locale: "sv-SE", timezoneId: "Europe/Stockholm" });
  await resident.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort("blockedbyclient");
  });
  const r = await resident.newPage();
  await r.goto(`/atgarder/${measureId}`);
  await expect(r.getByTestId("measure-status")).toContainText("Genomförd");
  await expect(r.getByText("Buskarna är röjda.")).toBeVisible();
  await expect(r.getByText(/Buskarna vid gården på Lagaplan har vuxit igen/)).toBeVisible();
  await expectAccessible(r);
  await r.goto(`/dialoger/${dialogueId}/aterkoppling`);
  const linked = r.locator('[data-slot="linked-measures"]');
  await expect(linked.getByRole("listitem").filter({ hasText: title })).toContainText("Genomförd");
  await expectAccessible(r);

  // District list (map plus an equal table) and the dashboard with charts and tables.
  await r.goto("/omraden/skarpnack/atgarder?status=done");
  await expect(r.getByRole("link", { name: title })).toBeVisible();
  await expect(r.locator(".leaflet-container")).toBeVisible();
  await expectAccessible(r);
  await r.goto("/omraden/skarpnack/oversikt");
  await expect(r.getByRole("img", { name: /Diagram: Åtgärder per status/ })).toBeVisible();
  await expect(r.getByRole("table", { name: "Åtgärder per status" })).toBeVisible();
  await expect(r.getByRole("table", { name: "Åtgärder per ansvarig aktör" }).getByRole("row", { name: /Stockholmshem/ })).toBeVisible();
  await expect(r.getByRole("table", { name: "Månadsvis: föreslagna och genomförda" })).toBeVisible();
  await expect(r.getByTestId("median-days")).toContainText("dagar");
  await expectAccessible(r);
  const csv = await r.request.get("/omraden/skarpnack/oversikt.csv?tabell=organisation");
  expect(await csv.text()).toContain("Stockholmshem");
  const open311 = await r.request.get(`/open311/v2/requests/measure-${measureId}.json`);
  expect((await open311.json())[0]).toMatchObject({ service_request_id: `measure-${measureId}`, status: "closed", agency_responsible: "Stockholmshem" });
  await r.goto("/mina");
  await expectAccessible(r);
  await resident.close();
});
