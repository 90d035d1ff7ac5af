import { Secret, TOTP } from "otpauth";
import type { Page } from "@playwright/test";
import { ACCOUNTS, expect, expectAccessible, signIn, test } from "./fixtures";

// Two-step verification (TOTP) for a staff account of its own, created here by the admin: the
// e2e server requires MFA of no role (playwright.config.ts), so the other journeys' accounts
// are untouched. Codes are computed with otpauth from the key the page shows.

const STEP_MS = 30_000;
const codeAt = (secret: string, ms: number) => TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: ms });

/** A six-digit code that is none of the codes around now. */
function wrongCode(secret: string): string {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => codeAt(secret, Date.now() + d * STEP_MS)));
  for (let n = 246_813; ; n += 7) if (!near.has(String(n))) return String(n);
}

async function accessibleAtBothSizes(page: Page, label: string) {
  for (const size of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    await expectAccessible(page, `${label} at ${size.width} px`);
  }
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Logga ut", exact: true }).click();
  await expect(page).toHaveURL(/\/personal\/logga-in\?reason=signedOut/);
}

test("a staff member turns on two-step verification, then signs in with a code and with a recovery code once", async ({ page }) => {
  const email = `mfa-${Date.now()}@tryggve.example`;
  const password = "lyktor längs gångvägen vid dammen";

  // The admin adds the account (no other journey uses it).
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/personal/konton");
  await page.getByLabel("Namn", { exact: true }).fill("Tove Tvåsteg");
  await page.getByLabel("E-post", { exact: true }).fill(email);
  await page.getByLabel("Roll", { exact: true }).selectOption("walk_leader");
  await page.getByLabel("Tillfälligt lösenord (minst 12 tecken)").fill(password);
  await page.getByRole("button", { name: "Lägg till" }).click();
  await expect(page.getByRole("status")).toContainText("Kontot har lagts till.");
  await signOut(page);

  // Set up, from the staff home.
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/personal$/);
  await page.getByRole("link", { name: "Tvåstegsverifiering" }).click();
  await expect(page).toHaveURL(/\/personal\/tvastegsverifiering/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tvåstegsverifiering");
  await expect(page.getByRole("img", { name: `QR-kod som lägger till ditt Tryggve-konto ${email} i en autentiseringsapp` })).toBeVisible();
  const secret = (await page.locator("#mfa-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await accessibleAtBothSizes(page, "set-up page");

  await page.getByLabel("Nuvarande lösenord").fill(password);
  await page.getByLabel("Engångskod").fill(wrongCode(secret));
  await page.getByRole("button", { name: "Aktivera tvåstegsverifiering" }).click();
  await expect(page.getByRole("alert")).toContainText("Koden stämmer inte.");
  await accessibleAtBothSizes(page, "set-up page with a wrong code");

  // Signed in already: the password again, as this changes how the account signs in.
  await page.getByLabel("Nuvarande lösenord").fill(password);
  const enrolledAt = Date.now();
  await page.getByLabel("Engångskod").fill(codeAt(secret, enrolledAt));
  await page.getByRole("button", { name: "Aktivera tvåstegsverifiering" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spara dina återställningskoder");
  const codes = await page.getByRole("list", { name: "Återställningskoder" }).getByRole("listitem").allInnerTexts();
  expect(codes).toHaveLength(10);
  await accessibleAtBothSizes(page, "recovery codes");
  await page.getByRole("button", { name: "Jag har sparat koderna" }).click();
  await expect(page).toHaveURL(/\/personal$/);
  await signOut(page);

  // The password alone is no longer enough: the code step, with a wrong code first.
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/personal\/logga-in\/kod\?redirectTo=%2Fpersonal$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ange engångskod");
  const codeField = page.getByLabel("Engångskod");
  await expect(codeField).toHaveAttribute("autocomplete", "one-time-code");
  await expect(codeField).toHaveAttribute("inputmode", "numeric");
  await accessibleAtBothSizes(page, "code step");
  await codeField.fill(wrongCode(secret));
  await page.getByRole("button", { name: "Fortsätt" }).click();
  await expect(page.getByRole("alert")).toContainText("Koden stämmer inte.");
  await expect(page.getByLabel("Engångskod")).toHaveAttribute("aria-invalid", "true");
  await accessibleAtBothSizes(page, "code step with a wrong code");
  // The next step's code (the one that turned MFA on cannot be used again).
  await page.getByLabel("Engångskod").fill(codeAt(secret, enrolledAt + STEP_MS));
  await page.getByRole("button", { name: "Fortsätt" }).click();
  await expect(page).toHaveURL(/\/personal$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Personal");
  await signOut(page);

  // A recovery code instead, once.
  await signIn(page, email, password);
  await page.getByRole("link", { name: "Har du inte telefonen? Använd en återställningskod" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ange återställningskod");
  await accessibleAtBothSizes(page, "recovery code step");
  await page.getByLabel("Återställningskod").fill(codes[0]!);
  await page.getByRole("button", { name: "Fortsätt" }).click();
  await expect(page).toHaveURL(/\/personal$/);
  await page.goto("/personal/tvastegsverifiering");
  await expect(page.getByRole("main")).toContainText("Oanvända återställningskoder: 9 av 10.");
  await accessibleAtBothSizes(page, "status page");
  await signOut(page);

  await signIn(page, email, password);
  await page.getByRole("link", { name: "Har du inte telefonen? Använd en återställningskod" }).click();
  await page.getByLabel("Återställningskod").fill(codes[0]!);
  await page.getByRole("button", { name: "Fortsätt" }).click();
  await expect(page.getByRole("alert")).toContainText("Återställningskoden stämmer inte eller har redan använts.");
  await accessibleAtBothSizes(page, "recovery code step with a used code");
  await page.getByRole("button", { name: "Avbryt och logga ut" }).click();
  await expect(page).toHaveURL(/\/personal\/logga-in\?reason=signedOut/);
  await expect(page.getByRole("status")).toContainText("Du är utloggad.");
});
