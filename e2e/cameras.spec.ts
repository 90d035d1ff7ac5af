import { ACCOUNTS, appNow, expect, expectAccessible, signIn, stockholmDate, test } from "./fixtures";
import type { Browser, Page } from "@playwright/test";

/** A fresh browser context that only reaches this machine. */
async function localContext(browser: Browser) {
  const ctx = await browser.newContext({ locale: "sv-SE", timezoneId: "Europe/Stockholm" });
  await ctx.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort("blockedbyclient");
  });
  return ctx;
}

/** axe at a phone's and a desktop's width; the page keeps the desktop width afterwards. */
async function accessibleAtBothWidths(page: Page) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await expectAccessible(page, `${page.url()} at ${width} px`);
  }
}

test("staff register a camera from a walk pin, review it, and the public register shows it on the map and in the list", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const name = `E2E-kamera vid stigen ${Date.now()}`;
  const now = await appNow(page.request);
  const today = stockholmDate(now);

  // The walk leader finds the demo walk's published pin behind the preschool in the protocol.
  await signIn(page, ACCOUNTS.walkLeader);
  await page.goto("/personal/vandringar");
  await page.getByRole("link", { name: "Trygghetsvandring Skarpnäcks centrum" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Trygghetsvandring Skarpnäcks centrum" })).toBeVisible();
  const walkId = /\/personal\/vandringar\/(\d+)/.exec(page.url())![1];
  await page.goto(`/personal/vandringar/${walkId}/protokoll`);
  const item = page.locator("article.protocol-item").filter({ has: page.getByRole("heading", { level: 3, name: /Stigen bakom förskolan/ }) });
  await item.getByRole("link", { name: /Föreslå kamera här/ }).click();

  // The new-camera form, filled by keyboard and text only (the area as corner points, no map clicks).
  await expect(page.getByRole("heading", { level: 1, name: "Registrera kamera" })).toBeVisible();
  await expect(page.getByText("Föreslås utifrån en punkt från en trygghetsvandring: Stigen bakom förskolan")).toBeVisible();
  await expect(page.getByLabel("Adress eller plats")).toHaveValue("Stigen bakom förskolan");
  await accessibleAtBothWidths(page);
  await page.getByLabel("Namn på kameraplatsen").fill(name);
  await page.getByLabel("Ägare (den som bedriver kamerabevakningen)").selectOption({ label: "Stockholmshem" });
  await page.getByLabel("Syfte").fill("Förebygga rån på stigen kvällstid.");
  await page.getByLabel("Hörnpunkter för det bevakade området").fill("59.2701, 18.1298\n59.2701, 18.1303\n59.2698, 18.1303");
  await page.getByLabel("Tider då kameran spelar in").fill("Kl. 20–06");
  await page.getByLabel("Hur många dagar sparas inspelat material?").fill("7");
  await page.getByLabel("Datum för intresseavvägningen").fill(today);
  await page.getByLabel("Vem beslutade?").fill("Stadsdelsnämnden");
  await page.getByLabel("Händelser som vägdes in").fill("Fyra anmälda rån på stigen under hösten.");
  await page.getByLabel("Andra åtgärder som övervägdes").fill("Röjning av sly och bättre belysning.");
  await page.getByLabel("Skylttext på lättläst svenska").fill("Här filmar en kamera på kvällen.");
  await page.getByLabel("Kontakt för frågor om kameran").fill("Stadsdelsförvaltningen, 08-508 00 000");
  await page.getByRole("button", { name: "Spara kamera" }).click();
  await expect(page.getByText("Kameran är registrerad som föreslagen.")).toBeVisible();
  const cameraId = /\/personal\/kameror\/(\d+)/.exec(page.url())![1];
  await expect(page.getByTestId("camera-origin")).toContainText("Stigen bakom förskolan");
  await expect(page.getByRole("link", { name: "Logg över åtkomst till material" })).toHaveCount(0);
  await accessibleAtBothWidths(page);

  await page.getByRole("button", { name: "Markera intresseavvägningen som dokumenterad" }).click();
  await expect(page.getByText("Intresseavvägningen är dokumenterad.")).toBeVisible();
  await page.getByRole("button", { name: "Starta kameran" }).click();
  await expect(page.getByText(/Kameran är i drift\. Första årliga granskningen/)).toBeVisible();
  await expect(page.getByTestId("camera-state")).toContainText("I drift");

  // The protocol item now shows the camera (the other direction of the link).
  await page.goto(`/personal/vandringar/${walkId}/protokoll`);
  await expect(item.locator('[data-slot="camera-links"]')).toContainText(name);
  await expectAccessible(page);
  await page.goto(`/personal/kameror/${cameraId}/redigera`);
  await expect(page.getByLabel("Hörnpunkter för det bevakade området")).toHaveValue("59.2701, 18.1298\n59.2701, 18.1303\n59.2698, 18.1303");
  await accessibleAtBothWidths(page);

  // The yearly review: refused without a decision, then completed.
  await page.goto(`/personal/kameror/${cameraId}`);
  await page.getByRole("link", { name: "Gör årlig granskning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Årlig granskning: ${name}` })).toBeVisible();
  await accessibleAtBothWidths(page);
  await page.getByRole("group", { name: "Är kameran riktad så som intresseavvägningen beslutade?" }).getByLabel("Ja").check();
  await page.getByRole("button", { name: "Slutför granskningen" }).click();
  await expect(page.getByRole("alert")).toContainText("Välj ett beslut: fortsätt, justera eller ta bort.");
  await expect(page.getByRole("alert")).toContainText("Skriv en motivering till beslutet.");
  await accessibleAtBothWidths(page);
  await page.getByRole("group", { name: "Beslut" }).getByLabel("Fortsätt").check();
  await page.getByLabel("Motivering").fill("Inga rån sedan starten och boende känner sig tryggare.");
  await page.getByLabel("Sammanfattning för det offentliga registret").fill("Kameran är kvar: inga rån sedan starten.");
  await page.getByRole("button", { name: "Slutför granskningen" }).click();
  await expect(page.getByText(/Granskningen är klar\. Nästa granskning senast/)).toBeVisible();
  await expect(page.getByText("Inga rån sedan starten och boende känner sig tryggare.")).toBeVisible();

  // The staff register flags the demo camera whose review is overdue.
  await page.goto("/personal/kameror");
  await expect(page.getByTestId("overdue-count")).toContainText("försenad årlig granskning");
  await expect(page.locator(`#kamera-${cameraId}`)).toContainText("Granskas senast");
  await accessibleAtBothWidths(page);

  // An administrator reads and writes the footage access log.
  const adminCtx = await localContext(browser);
  const admin = await adminCtx.newPage();
  await signIn(admin, ACCOUNTS.admin);
  await admin.goto(`/personal/kameror/${cameraId}`);
  await admin.getByRole("link", { name: "Logg över åtkomst till material" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: `Åtkomst till material: ${name}` })).toBeVisible();
  await admin.getByLabel("Vem begär?").fill("Polisen, lokalpolisområde Globen");
  await admin.getByLabel("Rättslig grund").fill("Förundersökning om rån");
  await admin.getByRole("button", { name: "Spara begäran" }).click();
  await expect(admin.getByText("Begäran är sparad.")).toBeVisible();
  await expect(admin.getByRole("table")).toContainText("Förundersökning om rån");
  await accessibleAtBothWidths(admin);
  await adminCtx.close();

  // A resident opens the public register: the camera is in the list and on the map.
  const resident = await localContext(browser);
  const r = await resident.newPage();
  await r.goto("/omraden/skarpnack");
  await r.getByRole("link", { name: "Kameror i området" }).click();
  await expect(r.getByRole("heading", { level: 1, name: "Kameror i Skarpnäck" })).toBeVisible();
  const entry = r.locator(`#kamera-${cameraId}`);
  await expect(entry).toContainText(name);
  await expect(entry).toContainText("Förebygga rån på stigen kvällstid.");
  await expect(entry).toContainText("Stockholmshem");
  await expect(entry).toContainText("Dokumenterad intresseavvägning");
  await expect(entry).toContainText("7 dagar");
  await expect(entry).toContainText("Här filmar en kamera på kvällen.");
  await expect(entry).toContainText("Kameran är kvar: inga rån sedan starten.");
  await expect(r.getByTestId("camera-list")).not.toContainText("Förskolans baksida");
  await expect(r.locator(".leaflet-container")).toBeVisible();
  await accessibleAtBothWidths(r);

  // Keyboard only: Tab from the download links to the camera's marker, Enter opens its popup,
  // and the popup's link leads to the same camera in the list.
  await r.getByRole("link", { name: "Ladda ner som CSV" }).focus();
  const marker = r.locator(`.leaflet-marker-icon[alt="${name}"]`);
  for (let i = 0; i < 40 && !(await marker.evaluate((el) => el === document.activeElement)); i++) await r.keyboard.press("Tab");
  await expect(marker).toBeFocused();
  await r.keyboard.press("Enter");
  const popup = r.locator(".leaflet-popup");
  await expect(popup).toContainText(name);
  const popupLink = popup.getByRole("link", { name: "Lista över kameror" });
  for (let i = 0; i < 10 && !(await popupLink.evaluate((el) => el === document.activeElement)); i++) await r.keyboard.press("Tab");
  await expect(popupLink).toBeFocused();
  await r.keyboard.press("Enter");
  await expect(r).toHaveURL(new RegExp(`#kamera-${cameraId}$`));
  await expectAccessible(r);

  // The downloads list the same camera.
  const geo = await (await r.request.get("/omraden/skarpnack/kameror.geojson")).json();
  expect(geo.features.some((f: { id: unknown }) => String(f.id) === cameraId)).toBe(true);
  expect(await (await r.request.get("/omraden/skarpnack/kameror.csv")).text()).toContain(name);
  await resident.close();
});
