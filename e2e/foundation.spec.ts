import { ACCOUNTS, DEMO_PASSWORD, expect, expectAccessible, signIn, test } from "./fixtures";

test.describe("accessible shell", () => {
  test("home page in Swedish, then English, with skip link and district chooser", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Var med och gör din stadsdel tryggare");
    await expect(page.getByRole("banner")).toBeVisible();
    await expect(page.getByRole("main")).toBeVisible();
    await expect(page.getByRole("contentinfo")).toContainText("Tryggve drivs av");
    await expectAccessible(page);

    // The skip link is the first thing a keyboard user reaches and moves focus to main.
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Hoppa till innehållet" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);

    await page.getByRole("button", { name: "In English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Help make your district safer");
    await expectAccessible(page);

    await page.getByLabel("District", { exact: true }).selectOption({ label: "Skarpnäck" });
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/\/omraden\/skarpnack$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Skarpnäck");
    await expectAccessible(page);

    await page.getByRole("button", { name: "På svenska" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(page).toHaveURL(/\/omraden\/skarpnack$/);
  });

  test("works at 320 px without horizontal scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto("/");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });

  test("navigation and the language switch work without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "In English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("link", { name: "Accessibility" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accessibility statement");
    await context.close();
  });

  test("unknown address shows a 404 page in the current language", async ({ page }) => {
    const res = await page.goto("/finns-inte");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sidan finns inte");
    await expect(page).toHaveTitle("Sidan finns inte – Tryggve");
    await expectAccessible(page);
  });

  test("privacy page explains what is stored and why", async ({ page }) => {
    await page.goto("/integritet");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Personuppgifter och integritet");
    await expect(page.getByRole("main")).toContainText("allmänt intresse");
    await expectAccessible(page);
  });
});

test.describe("vulnerability disclosure", () => {
  test("the footer leads to the policy, and security.txt names the contact", async ({ page, request }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Rapportera en säkerhetsbrist" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Säkerhet och sårbarheter");
    await expect(page.getByRole("heading", { name: "Så rapporterar du" })).toBeVisible();
    for (const size of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(size);
      await expectAccessible(page, `/sakerhet at ${size.width} px`);
    }
    const txt = await (await request.get("/.well-known/security.txt")).text();
    expect(txt).toMatch(/^Contact: mailto:/m);
    expect(txt).toMatch(/^Policy: http:\/\/127\.0\.0\.1:\d+\/sakerhet$/m);
  });
});

test.describe("accessibility report", () => {
  test("a resident reports a problem and an admin sees it", async ({ page }) => {
    await page.goto("/tillganglighet");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tillgänglighetsredogörelse");
    await page.getByRole("button", { name: "Skicka rapport" }).click();
    await expect(page.getByRole("alert")).toContainText("Fältet måste fyllas i.");
    await expect(page.getByLabel("Beskriv problemet")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);

    await page.getByLabel("Beskriv problemet").fill("Fokus syns inte på knappen i sidhuvudet (e2e)");
    await page.getByRole("button", { name: "Skicka rapport" }).click();
    await expect(page.getByRole("status")).toContainText("Tack! Din rapport är mottagen.");
    await expectAccessible(page);

    await signIn(page, ACCOUNTS.admin);
    await page.goto("/personal/tillganglighetsrapporter");
    await expect(page.getByRole("main")).toContainText("Fokus syns inte på knappen i sidhuvudet (e2e)");
    await expectAccessible(page);
  });
});

test.describe("staff sign-in", () => {
  test("a moderator signs in and out", async ({ page }) => {
    await page.goto("/personal/logga-in");
    await expectAccessible(page);
    await signIn(page, ACCOUNTS.moderator);
    await expect(page).toHaveURL(/\/personal$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Personal");
    await expect(page.getByRole("banner")).toContainText("Inloggad som Mira Moderator (Moderator)");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Logga ut", exact: true }).click();
    await expect(page).toHaveURL(/\/personal\/logga-in\?reason=signedOut/);
    await expect(page.getByRole("status")).toContainText("Du är utloggad.");
    await page.goto("/personal");
    await expect(page).toHaveURL(/\/personal\/logga-in\?.*reason=required/);
  });

  test("a wrong password gets one message that does not reveal whether the account exists", async ({ page }) => {
    await signIn(page, ACCOUNTS.walkLeader, "fel lösenord");
    await expect(page.getByRole("alert")).toContainText("Fel e-postadress eller lösenord.");
    await expectAccessible(page);
    await signIn(page, "ingen@tryggve.example", "fel lösenord");
    await expect(page.getByRole("alert")).toContainText("Fel e-postadress eller lösenord.");
  });

  test("repeated failures are throttled", async ({ browser, baseURL }) => {
    // Its own client address (TRUST_PROXY is on in the test server) so other journeys are unaffected.
    const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.77" } });
    const page = await context.newPage();
    for (let i = 0; i < 5; i++) {
      await signIn(page, ACCOUNTS.police, `fel-${i}`);
      await expect(page.getByRole("alert")).toContainText("Fel e-postadress eller lösenord.");
    }
    await signIn(page, ACCOUNTS.police, DEMO_PASSWORD);
    await expect(page.getByRole("alert")).toContainText("För många inloggningsförsök");
    await expect(page).toHaveURL(/logga-in/);
    await context.close();
  });

  test("staff pages are refused to residents and to the wrong role", async ({ page }) => {
    await page.goto("/personal/konton");
    await expect(page).toHaveURL(/\/personal\/logga-in\?.*reason=required/);
    await expect(page.getByRole("status")).toContainText("Logga in för att fortsätta.");
    await signIn(page, ACCOUNTS.housing);
    const res = await page.goto("/personal/konton");
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ingen behörighet");
    await expectAccessible(page);
  });

  test("an admin adds a staff account and sees it in the audit log", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin);
    await page.goto("/personal/konton");
    await expectAccessible(page);
    await page.getByLabel("Namn", { exact: true }).fill("Tora Testsson");
    await page.getByLabel("E-post", { exact: true }).fill("tora@tryggve.example");
    await page.getByLabel("Roll", { exact: true }).selectOption("walk_leader");
    await page.getByLabel("Tillfälligt lösenord (minst 12 tecken)").fill("ett-langt-losenord");
    await page.getByRole("button", { name: "Lägg till" }).click();
    await expect(page.getByRole("status")).toContainText("Kontot har lagts till.");
    await expect(page.getByRole("row", { name: /Tora Testsson/ })).toBeVisible();

    await page.goto("/personal/granskningslogg?action=staff.create");
    await expect(page.getByRole("table")).toContainText("tora@tryggve.example");
    await expectAccessible(page);
  });
});
