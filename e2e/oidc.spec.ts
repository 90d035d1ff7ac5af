// Staff single sign-on in Chromium, through the pages of a real identity provider: panva's
// oidc-provider, which scripts/e2e.mjs starts on a spare port (scripts/oidc-test-provider.ts)
// and hands to the server as OIDC_ISSUER. Its login page takes any password. Axe checks
// Tryggve's pages of the journey at 390 and 1280 px, not the provider's development pages.
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";

const WIDTHS = [390, 1280];

async function accessibleAtBothWidths(page: Page, label: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page, `${label} at ${width} px`);
  }
}

const issuer = process.env.E2E_OIDC_ISSUER;

/** At the provider: its development login (user name, any password), then consent. Back at Tryggve afterwards. */
async function signInAtProvider(page: Page, user: string) {
  await expect(page).toHaveURL((url) => url.origin === issuer);
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe("single sign-on with the municipal account", () => {
  test.skip(!issuer, "needs the test identity provider that scripts/e2e.mjs starts");

  test("a moderator signs in with the municipal account and lands where they were going, as moderator", async ({ page }) => {
    await page.goto("/personal/utkorg");
    await expect(page).toHaveURL(/\/personal\/logga-in\?/);
    const button = page.getByRole("button", { name: "Logga in med kommunens konto" });
    await expect(button).toBeVisible();
    // The e-mail and password form is still there.
    await expect(page.getByLabel("E-postadress")).toBeVisible();
    await accessibleAtBothWidths(page, "/personal/logga-in with single sign-on");

    await button.click();
    await signInAtProvider(page, "mona.moderator");

    await expect(page).toHaveURL(/\/personal\/utkorg$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await accessibleAtBothWidths(page, "/personal/utkorg after single sign-on");

    await page.goto("/personal");
    await expect(page.getByText("Din roll: Moderator")).toBeVisible();
    await accessibleAtBothWidths(page, "/personal after single sign-on");
  });

  test("someone Tryggve does not know is told so and is not signed in", async ({ page }) => {
    await page.goto("/personal/logga-in");
    await page.getByRole("button", { name: "Logga in med kommunens konto" }).click();
    await signInAtProvider(page, "olle.okand");

    await expect(page).toHaveURL(/\/personal\/sso\/callback\?/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggningen misslyckades");
    await expect(page.getByText("Ditt konto finns inte i Tryggve. Be en administratör lägga till dig.")).toBeVisible();
    await accessibleAtBothWidths(page, "the refused single sign-on");

    // Still nobody: staff pages send them to sign-in.
    await page.getByRole("link", { name: "Tillbaka till inloggningen" }).click();
    await expect(page).toHaveURL(/\/personal\/logga-in$/);
    await page.goto("/personal");
    await expect(page).toHaveURL(/\/personal\/logga-in\?/);
  });

  test("cancelling at the provider comes back with a clear message", async ({ page }) => {
    await page.goto("/personal/logga-in");
    await page.getByRole("button", { name: "Logga in med kommunens konto" }).click();
    await expect(page).toHaveURL((url) => url.origin === issuer);
    await page.getByRole("link", { name: "[ Cancel ]" }).click();

    await expect(page.getByText("Inloggningen avbröts hos kommunens inloggningstjänst.")).toBeVisible();
    await accessibleAtBothWidths(page, "the cancelled single sign-on");
  });
});
