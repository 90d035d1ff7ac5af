import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

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
    // Exactly "Logga in": not "Logga in med kommunens konto" (single sign-on) next to it.
    page.getByRole("button", { name: "Logga in", exact: true }).click(),
  ]);
  await page.waitForLoadState();
}

/**
 * The app's clock now, as the server reports it (/healthz). The server runs on a test clock
 * (e2e/clock.ts: today at 17:30 in Stockholm, ticking), so dates typed into forms come from
 * here, not from this machine's clock.
 */
export async function appNow(request: APIRequestContext): Promise<Date> {
  const res = await request.get("/healthz");
  const { time } = (await res.json()) as { time?: string };
  if (!time) throw new Error("/healthz reports no time: is the server older than the app clock?");
  return new Date(time);
}

/** The Stockholm calendar date `daysAhead` days after `now`, as a date field wants it (YYYY-MM-DD). */
export function stockholmDate(now: Date, daysAhead = 0): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date(now.getTime() + daysAhead * 86400e3));
}

/**
 * A walk today by the app's clock: 19:00–19:30. The clock starts at 17:30, so the walk lies
 * ahead when it is planned (a start in the past is refused), may be started at once (up to
 * two hours early) and ends well before midnight.
 */
export async function walkToday(request: APIRequestContext) {
  return { date: stockholmDate(await appNow(request)), startTime: "19:00", endTime: "19:30" };
}

/**
 * Gives a browser context the app's clock (Playwright's clock, running on from the app's
 * "now"), for pages whose own date matters: the walk map stamps what it queues offline with
 * the device's time. Call before opening pages in the context.
 */
export async function useAppClock(context: BrowserContext, request: APIRequestContext): Promise<void> {
  await context.clock.install({ time: await appNow(request) });
}
