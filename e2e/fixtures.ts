import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Every context blocks requests that leave this machine (map tiles, video providers). */
export const test = base.extend({
  context: async ({ context }, use) => {
    await context.route("**/*", (route) => {
      const host = new URL(route.request().url()).hostname;
      return LOCAL_HOSTS.has(host) || host === "" ? route.continue() : route.abort("blockedbyclient");
    });
    await use(context);
  },
});

export { expect };

/** axe with the WCAG 2.1 A and AA rule sets; fails with a readable list of violations. */
export async function expectAccessible(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export const DEMO_PASSWORD = "tryggve-demo";
export const ACCOUNTS = {
  admin: "admin@tryggve.example",
  moderator: "moderator@tryggve.example",
  walkLeader: "vandringsledare@tryggve.example",
  police: "polisen@tryggve.example",
  housing: "stockholmshem@tryggve.example",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/personal/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  // Wait for the sign-in post itself, so a following page.goto cannot cancel it.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/personal/logga-in")),
    page.getByRole("button", { name: "Logga in" }).click(),
  ]);
  await page.waitForLoadState();
}

/**
 * Times for a walk planned for today (Stockholm; the walk form takes one date): it starts
 * 2 minutes from now (a start in the past is refused) and lasts 30 minutes, clamped to 23:59.
 * `fits` is false only in the last few minutes before midnight.
 */
export function walkTimesToday(now: Date = new Date()) {
  const part = (opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", ...opts }).format(now);
  const date = part({});
  const minutesNow = Number(part({ hour: "2-digit", hourCycle: "h23" })) * 60 + Number(part({ minute: "2-digit" }));
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const start = minutesNow + 2;
  const end = Math.min(23 * 60 + 59, start + 30);
  return { date, startTime: hm(start), endTime: hm(end), fits: end > start };
}
