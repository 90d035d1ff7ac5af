import fs from "node:fs";
import { ACCOUNTS, appNow, expect, expectAccessible, signIn, stockholmDate, test } from "./fixtures";

test("staff plans and publishes a dialogue; residents find it, register and join remotely", async ({ page, browser }) => {
  // About 20 s on a quiet machine and over 30 s on a busy one, more than half the default 60 s: give it room.
  test.setTimeout(120_000);
  const title = `E2E-dialog ${Date.now()}`;
  const now = await appNow(page.request);

  // Staff: create a dialogue 10 days ahead (late), invite, confirm the warnings, publish.
  await signIn(page, ACCOUNTS.moderator);
  await page.goto("/personal/dialoger");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Ny dialog" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ny trygghetsdialog" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Rubrik").fill(title);
  await page.locator("#districtId").selectOption({ label: "Skarpnäck" });
  await page.getByLabel("Datum").fill(stockholmDate(now, 10));
  await page.getByLabel("Starttid").fill("18:00");
  await page.getByLabel("Sluttid").fill("19:30");
  await page.getByLabel("Hybrid (på plats och digitalt)").check();
  await page.getByLabel("Länk till sändning (stream)").fill("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  await page.getByLabel("Adress eller plats").fill("Skarpnäcks kulturhus");
  await page.getByLabel("Latitud").fill("59.2667");
  await page.getByLabel("Longitud").fill("18.1333");
  await page.getByLabel("Syfte", { exact: true }).fill("Prata om tryggheten vid tunnelbanan");
  await page.getByLabel("Nivå på delaktighetstrappan").selectOption("dialog");
  await page.getByLabel("Det här kan ni påverka").fill("Belysning och sly");
  await page.getByLabel("Det här går inte att påverka").fill("Polisens resurser");
  await page.getByRole("button", { name: "Spara" }).click();
  await expect(page.getByText("Dialogen är skapad som utkast.")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Organisation").selectOption({ label: "Trafikkontoret" });
  await page.getByRole("button", { name: "Lägg till" }).click();
  await expect(page.getByText("Organisationen är tillagd.")).toBeVisible();
  // The late warning is shown and must be confirmed before sending.
  await page.getByRole("button", { name: "Bekräfta och skicka inbjudningar" }).click();
  await expect(page.locator("#invite-late-confirm-error")).toBeVisible();
  await expectAccessible(page);
  await page.locator("#invite-late-confirm").check();
  await page.getByRole("button", { name: "Bekräfta och skicka inbjudningar" }).click();
  await expect(page.getByText("1 inbjudningar skickade.")).toBeVisible();
  await page.locator("#publish-late-confirm").check();
  await page.getByRole("button", { name: "Bekräfta och publicera" }).click();
  await expect(page.getByText("Dialogen är publicerad.")).toBeVisible();
  await expectAccessible(page);

  // Without SMTP the invitation waits in the outbox.
  await page.goto("/personal/utkorg");
  await expect(page.getByRole("link", { name: new RegExp(`Inbjudan till trygghetsdialog: ${title}`) })).toBeVisible();
  await expectAccessible(page);

  // Resident: find it, download the .ics, register remotely, open the join page.
  const resident = await browser.newContext({ locale: "sv-SE", timezoneId: "Europe/Stockholm" });
  await resident.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort("blockedbyclient");
  });
  const r = await resident.newPage();
  await r.goto("/dialoger");
  await expectAccessible(r);
  await r.getByLabel("Stadsdelsområde", { exact: true }).last().selectOption({ label: "Skarpnäck" });
  await r.getByRole("button", { name: "Visa", exact: true }).last().click();
  await r.getByRole("link", { name: title }).click();
  await expect(r.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectAccessible(r);

  const downloadPromise = r.waitForEvent("download");
  await r.getByRole("link", { name: "Lägg till i kalendern (.ics)" }).click();
  const download = await downloadPromise;
  const ics = fs.readFileSync((await download.path())!, "utf8");
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toContain(`SUMMARY:E2E-dialog`);

  await r.getByLabel("På distans").check();
  await r.getByRole("button", { name: "Anmäl mig" }).click();
  await expect(r.getByText("Tack, du är anmäld")).toBeVisible();
  await expectAccessible(r);

  await r.getByRole("link", { name: "Delta på distans" }).click();
  await expect(r.getByTestId("remote-count")).toHaveText("1 deltar på distans just nu");
  // Privacy first: no third-party frame until asked.
  await expect(r.locator("iframe")).toHaveCount(0);
  await expect(r.getByRole("button", { name: "Visa videon från YouTube" })).toBeVisible();
  await expectAccessible(r);

  // A second resident on another device: the first sees the count rise.
  const other = await browser.newContext({ locale: "sv-SE" });
  await other.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort("blockedbyclient");
  });
  const o = await other.newPage();
  await o.goto(r.url());
  await expect(o.getByTestId("remote-count")).toHaveText("2 deltar på distans just nu");
  await expectAccessible(o);
  await expect(r.getByTestId("remote-count")).toHaveText("2 deltar på distans just nu");
  await other.close();
  await expect(r.getByTestId("remote-count")).toHaveText("1 deltar på distans just nu");
  await resident.close();
});
