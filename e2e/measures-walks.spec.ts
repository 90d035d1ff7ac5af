import { ACCOUNTS, appNow, expect, expectAccessible, signIn, stockholmDate, test, walkToday } from "./fixtures";
import type { Browser } from "@playwright/test";

/** A fresh browser context that only reaches this machine. */
async function localContext(browser: Browser, extra: Parameters<Browser["newContext"]>[0] = {}) {
  const ctx = await browser.newContext({ locale: "sv-SE", timezoneId: "Europe/Stockholm", ...extra });
  await ctx.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort("blockedbyclient");
  });
  return ctx;
}

test("a walk observation becomes a measure for Stockholmshem, is done, shows on the walk page, and is verified on a follow-up walk", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const title = `E2E: Röj sly vid stigen ${Date.now()}`;
  const walkTitle = `E2E-uppföljning ${Date.now()}`;
  const when = await walkToday(page.request);
  const now = await appNow(page.request);

  // Walk leader: the demo walk's published observation behind the preschool becomes a measure.
  await signIn(page, ACCOUNTS.walkLeader);
  await page.goto("/personal/vandringar");
  await page.getByRole("link", { name: "Trygghetsvandring Skarpnäcks centrum" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Trygghetsvandring Skarpnäcks centrum" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Uppföljning av åtgärder" })).toBeVisible();
  await expectAccessible(page);
  const demoWalkId = /\/personal\/vandringar\/(\d+)/.exec(page.url())![1];
  const geojson = await (await page.request.get(`/personal/vandringar/${demoWalkId}/protokoll.geojson`)).json();
  const feature = geojson.features.find((f: { properties: { address: string } }) => f.properties.address === "Stigen bakom förskolan");
  expect(feature, "the demo walk's published observation").toBeTruthy();

  await page.goto(`/personal/atgarder/ny?observation=${feature.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Ny åtgärd" })).toBeVisible();
  await expect(page.getByLabel("Adress eller plats")).toHaveValue("Stigen bakom förskolan");
  await expectAccessible(page);
  await page.getByLabel("Rubrik").fill(title);
  await page.getByLabel("Kategori").selectOption({ label: "Skymd sikt och sly" });
  await page.getByLabel("Ansvarig aktör").selectOption({ label: "Stockholmshem" });
  await page.getByLabel("Senast klar").fill(stockholmDate(now, 60));
  await page.getByRole("button", { name: "Spara åtgärd" }).click();
  await expect(page.getByText("Åtgärden är skapad som föreslagen.")).toBeVisible();
  const measureId = /\/personal\/atgarder\/(\d+)/.exec(page.url())![1];
  await expectAccessible(page);
  await page.getByRole("button", { name: "Skicka till ansvarig" }).click();
  await expect(page.getByText("Åtgärden är skickad till den ansvariga.")).toBeVisible();
  await expectAccessible(page);

  // Stockholmshem's panelist accepts, plans and marks it done from the work list.
  const housing = await localContext(browser);
  const p = await housing.newPage();
  await signIn(p, ACCOUNTS.housing);
  await p.goto("/personal/atgarder/mina");
  await expect(p.getByRole("heading", { level: 1, name: "Att göra för Stockholmshem" })).toBeVisible();
  await expectAccessible(p);
  await p.getByRole("link", { name: title }).click();
  await p.getByRole("button", { name: "Acceptera" }).click();
  await expect(p.getByText("Åtgärden är accepterad.")).toBeVisible();
  await expectAccessible(p);
  await p.getByLabel("Planerat datum").fill(stockholmDate(now, 7));
  await p.getByRole("button", { name: "Planera" }).click();
  await expect(p.getByText("Åtgärden är planerad.")).toBeVisible();
  await p.locator("#done-comment").fill("Slyet är röjt en meter från stigen.");
  await p.getByRole("button", { name: "Markera som genomförd" }).click();
  await expect(p.getByText("Åtgärden är markerad som genomförd.")).toBeVisible();
  await expectAccessible(p);
  await housing.close();

  // Public: the measure page and the demo walk's page show the new status.
  const resident = await localContext(browser);
  const r = await resident.newPage();
  await r.goto(`/atgarder/${measureId}`);
  await expect(r.getByTestId("measure-status")).toContainText("Genomförd");
  await expect(r.getByText("Slyet är röjt en meter från stigen.")).toBeVisible();
  await expectAccessible(r);
  await r.goto(`/vandringar/${demoWalkId}`);
  const linked = r.locator('[data-slot="linked-measures"]');
  await expect(linked.getByRole("row").filter({ hasText: title })).toContainText("Genomförd");
  await expectAccessible(r);

  // A follow-up walk in Skarpnäck along the same path: the measure is listed for revisiting.
  await page.goto("/personal/vandringar/ny");
  await page.getByLabel("Rubrik").fill(walkTitle);
  await page.locator("#districtId").selectOption({ label: "Skarpnäck" });
  await page.getByLabel("Datum").fill(when.date);
  await page.getByLabel("Starttid").fill(when.startTime);
  await page.getByLabel("Sluttid").fill(when.endTime);
  await page.getByLabel("Mörker").check();
  await page.getByLabel("Samlingsplats", { exact: true }).fill("Skarpnäcks tunnelbanestation");
  await page.getByLabel("Samlingsplats, latitud").fill("59.2667");
  await page.getByLabel("Samlingsplats, longitud").fill("18.1333");
  await page.getByLabel("Rutt", { exact: true }).fill("59.2667, 18.1333\n59.2681, 18.1305\n59.2693, 18.1268");
  await page.getByRole("button", { name: "Spara" }).click();
  await expect(page.getByText("Vandringen är skapad och planerad.")).toBeVisible();
  const walkId = /\/personal\/vandringar\/(\d+)/.exec(page.url())![1];
  const staffRow = page.locator(`#uppfoljning-${measureId}`);
  await expect(staffRow).toContainText("Längs rutten");
  await expect(staffRow).toContainText("Inga svar ännu");
  await expectAccessible(page);
  await page.getByLabel("Väder").fill("Klart, 3 °C");
  await page.getByRole("button", { name: "Starta vandringen" }).click();
  await expect(page.getByText("Vandringen är nu: Pågår.")).toBeVisible();

  // A participant answers "is this fixed?" from the list, by keyboard, without using the map.
  const phone = await localContext(browser, { viewport: { width: 412, height: 860 } });
  const a = await phone.newPage();
  await a.goto(`/vandringar/${walkId}/karta`);
  await expect(a.getByRole("heading", { level: 2, name: "Åtgärder att följa upp" })).toBeVisible();
  const item = a.locator(`#atgard-${measureId}`);
  await expect(item).toContainText("Genomförd");
  await expectAccessible(a);
  const question = item.getByRole("group", { name: `Är det här åtgärdat? ${title}` });
  await question.getByRole("radio", { name: "Ja" }).focus();
  await a.keyboard.press("Space");
  await expect(question.getByRole("radio", { name: "Ja" })).toBeChecked();
  await item.getByLabel("Kommentar (frivillig)").fill("Ljust och öppet längs stigen nu.");
  await item.getByRole("button", { name: "Skicka svar" }).press("Enter");
  await expect(a.getByText("Tack! Ditt svar är sparat.")).toBeVisible();
  await expect(a.locator(`#atgard-${measureId}`)).toContainText("Ditt svar: Ja");
  await expectAccessible(a);
  await phone.close();

  // Staff sees the answer on the walk page and verifies the measure.
  await page.reload();
  await expect(staffRow).toContainText("Ja: 1, nej: 0, delvis: 0");
  await expect(staffRow).toContainText("Ljust och öppet längs stigen nu.");
  await expectAccessible(page);
  await staffRow.getByLabel("Offentlig kommentar, verifiering (frivillig)").fill("Kontrollerat på uppföljningsvandringen.");
  await staffRow.getByRole("button", { name: "Verifiera åtgärden" }).click();
  await expect(page.getByText("Åtgärden är verifierad utifrån vandringens svar.")).toBeVisible();
  await expect(staffRow).toContainText("Verifierad utifrån svaren");
  await expectAccessible(page);

  await r.goto(`/atgarder/${measureId}`);
  await expect(r.getByTestId("measure-status")).toContainText("Verifierad");
  await expect(r.getByText("Kontrollerat på uppföljningsvandringen.")).toBeVisible();
  await expectAccessible(r);
  await r.goto(`/vandringar/${demoWalkId}`);
  await expect(r.locator('[data-slot="linked-measures"]').getByRole("row").filter({ hasText: title })).toContainText("Verifierad");
  await resident.close();
});
