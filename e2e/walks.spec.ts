import sharp from "sharp";
import { ACCOUNTS, appNow, expect, expectAccessible, signIn, test, useAppClock, walkToday } from "./fixtures";

const SKARPNACK = { latitude: 59.2679, longitude: 18.1311 };

test("a walk leader plans and starts a walk; participants pin places live, with a photo, offline and by keyboard", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const title = `E2E-vandring ${Date.now()}`;
  const when = await walkToday(page.request);

  // Walk leader: plan the walk, then start it with weather and light.
  await signIn(page, ACCOUNTS.walkLeader);
  await page.goto("/personal/vandringar");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Ny vandring" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ny trygghetsvandring" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Rubrik").fill(title);
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
  await expectAccessible(page);
  await page.getByLabel("Väder").fill("Mulet, 5 °C");
  await page.getByRole("button", { name: "Starta vandringen" }).click();
  await expect(page.getByText("Vandringen är nu: Pågår.")).toBeVisible();
  const walkUrl = new URL(page.url());
  const walkId = walkUrl.pathname.split("/")[3];

  // Two participants on phones with emulated geolocation; tiles are blocked by the fixture.
  const phone = {
    locale: "sv-SE",
    timezoneId: "Europe/Stockholm",
    geolocation: SKARPNACK,
    permissions: ["geolocation"],
    viewport: { width: 412, height: 860 },
  };
  const aCtx = await browser.newContext(phone);
  const bCtx = await browser.newContext(phone);
  for (const ctx of [aCtx, bCtx]) {
    // The phones' own clocks agree with the app's: what A queues offline is stamped with the device's time.
    await useAppClock(ctx, page.request);
    await ctx.route("**/*", (route) => {
      const host = new URL(route.request().url()).hostname;
      return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort("blockedbyclient");
    });
  }
  const a = await aCtx.newPage();
  const b = await bCtx.newPage();
  await a.goto("/");
  // The device's clock is the app's (hours away from this machine's, except around 17:30 in Stockholm).
  expect(Math.abs((await a.evaluate(() => Date.now())) - (await appNow(page.request)).getTime())).toBeLessThan(60_000);
  await a.goto(`/vandringar/${walkId}`);
  await expect(a.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectAccessible(a);
  await a.getByRole("link", { name: "Öppna vandringskartan och lägg till platser" }).click();
  await b.goto(`/vandringar/${walkId}/karta`);
  for (const p of [a, b]) await expect(p.getByText("Ansluten – nya platser visas direkt.")).toBeVisible();
  await expectAccessible(a);

  // A: use my position, fill the form, attach a photo.
  await a.getByRole("button", { name: "Använd min position" }).click();
  await expect(a.getByText(/Position hämtad \(ungefär ±\d+ m\)/)).toBeVisible();
  await a.getByRole("checkbox", { name: "Belysning" }).check();
  await a.getByLabel("Stolpnummer (belysning)").fill("SK-1142");
  await a.getByLabel("1 – ganska otrygg/dålig").check();
  await a.getByLabel("Beskrivning").fill("Trasig lampa i gångtunneln");
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 90, g: 90, b: 120 } } })
    .jpeg()
    .toBuffer();
  await a.getByLabel("Foto (frivilligt)").setInputFiles({ name: "lampa.jpg", mimeType: "image/jpeg", buffer: photo });
  await a.getByRole("button", { name: "Spara platsen" }).click();
  await expect(a.getByText("Platsen är sparad och syns för alla på vandringen.")).toBeVisible();
  await expect(a.getByText("Fotot är uppladdat och granskas innan det visas.")).toBeVisible();
  // B sees it arrive without reloading, in the list and as a named marker button on the map.
  await expect(b.getByRole("cell", { name: /Trasig lampa i gångtunneln/ })).toBeVisible();
  await expect(b.getByRole("button", { name: /Plats \d+: Belysning, trygghet 1 av 3/ })).toBeVisible();
  // Tiles are blocked: the page says so and everything else keeps working.
  await expect(b.getByText("Kartbilderna kunde inte laddas. Rutten, punkterna och listan fungerar ändå.")).toBeVisible();
  await expectAccessible(b);

  // A goes offline: the next place is kept on the device and counted.
  await aCtx.setOffline(true);
  await a.getByLabel("Eller välj en plats i listan").selectOption({ label: "Rutten, punkt 2" });
  await a.getByRole("checkbox", { name: "Skymd sikt, sly" }).check();
  await a.getByLabel("0 – mycket otrygg/dålig").check();
  await a.getByLabel("Beskrivning").fill("Sly skymmer stigen offline");
  await a.getByRole("button", { name: "Spara platsen" }).click();
  await expect(a.getByText("Ingen anslutning: platsen är sparad på enheten och skickas automatiskt.")).toBeVisible();
  await expect(a.getByText("1 plats väntar på att skickas.")).toBeVisible();
  await expectAccessible(a);
  // Back online: it is sent automatically, exactly once.
  await aCtx.setOffline(false);
  await expect(b.getByRole("cell", { name: /Sly skymmer stigen offline/ })).toBeVisible({ timeout: 30_000 });
  await expect(a.getByText(/väntar på att skickas/)).toHaveCount(0);
  await b.reload();
  await expect(b.getByRole("cell", { name: /Sly skymmer stigen offline/ })).toHaveCount(1);
  await expect(b.getByText("2 platser")).toBeVisible();

  // The list used by keyboard only: filter by category and sort.
  await b.getByLabel("Kategorier", { exact: true }).focus();
  // Type-ahead on a focused select, as a keyboard user does.
  await b.keyboard.type("Skymd");
  await expect(b.getByLabel("Kategorier", { exact: true })).toHaveValue("vegetation");
  await b.keyboard.press("Tab");
  await b.keyboard.press("Tab");
  await b.keyboard.press("Tab");
  await b.keyboard.press("Tab");
  await expect(b.getByRole("form", { name: "Filtrera" }).getByRole("button", { name: "Visa" })).toBeFocused();
  await b.keyboard.press("Enter");
  await expect(b).toHaveURL(/kategori=vegetation/);
  await expect(b.getByText("1 plats", { exact: true })).toBeVisible();
  await expect(b.getByRole("cell", { name: /Trasig lampa/ })).toHaveCount(0);
  await expectAccessible(b);

  // Staff: moderation queue has the photo; the protocol lists both places and exports GeoJSON.
  await page.goto(`/personal/vandringar/${walkId}`);
  await expect(page.getByRole("button", { name: /Godkänn foto/ })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/personal/vandringar/${walkId}/protokoll`);
  await expect(page.getByRole("heading", { level: 3, name: /Nr 2/ })).toBeVisible();
  await expectAccessible(page);
  const geo = await page.request.get(`/personal/vandringar/${walkId}/protokoll.geojson`);
  const body = (await geo.json()) as { type: string; features: Array<{ geometry: { coordinates: [number, number] } }> };
  expect(body.type).toBe("FeatureCollection");
  expect(body.features).toHaveLength(2);
  expect(body.features[0].geometry.coordinates[0]).toBeGreaterThan(18);
  expect(body.features[0].geometry.coordinates[1]).toBeGreaterThan(59);

  // The district page and its places page work with tiles blocked.
  await b.goto("/omraden/skarpnack/platser");
  await expect(b.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(b.getByRole("cell", { name: /Sly skymmer stigen offline/ })).toBeVisible();
  await expectAccessible(b);
  await aCtx.close();
  await bCtx.close();
});
