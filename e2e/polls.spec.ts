/**
 * Live polls (issue 15): a moderator prepares and opens a poll on the staff poll page, residents
 * answer it in other browser contexts (one with JavaScript on the join page, one without on the
 * Q&A page, whose form posts), the moderator reveals the result, present mode and the resident's
 * page show it live, and after closing it stays on the återkoppling page. axe at 390 and 1280 px
 * on every page visited.
 */
import { type APIRequestContext, type Browser, type BrowserContext, type Page, request as apiRequest } from "@playwright/test";
import { openSqlite } from "../db/connection";
import { ACCOUNTS, DEMO_PASSWORD, appNow, expect, expectAccessible, test } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;

/** An ongoing dialogue of its own (there is no quicker public way to have one), published with feedback. */
async function newDialogue(request: APIRequestContext, title: string): Promise<number> {
  const now = await appNow(request);
  const db = openSqlite(process.env.E2E_DATABASE_PATH ?? "./data/e2e.sqlite");
  try {
    const district = db.prepare("select id from districts where slug = 'skarpnack'").get() as { id: number };
    const stamp = now.toISOString();
    const row = db
      .prepare(
        `insert into dialogues (district_id, title, status, starts_at, ends_at, format, purpose, ladder_level, published_at, created_at, updated_at)
         values (?, ?, 'ongoing', ?, ?, 'hybrid', 'Frågestund', 'dialog', ?, ?, ?) returning id`,
      )
      .get(
        district.id,
        title,
        new Date(now.getTime() - 10 * 60_000).toISOString(),
        new Date(now.getTime() + 2 * 3600_000).toISOString(),
        stamp,
        stamp,
        stamp,
      ) as {
      id: number;
    };
    return row.id;
  } finally {
    db.close();
  }
}

async function staffSession(baseURL: string, email: string): Promise<Cookies> {
  const api = await apiRequest.newContext({ baseURL });
  try {
    const res = await api.post("/personal/logga-in", { form: { email, password: DEMO_PASSWORD }, maxRedirects: 0 });
    expect(res.status(), `sign-in of ${email}`).toBe(302);
    return (await api.storageState()).cookies;
  } finally {
    await api.dispose();
  }
}

async function newContext(browser: Browser, baseURL: string, opts: { javaScriptEnabled?: boolean; session?: Cookies } = {}) {
  const context = await browser.newContext({
    baseURL,
    viewport: DESKTOP,
    locale: "sv-SE",
    timezoneId: "Europe/Stockholm",
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
  });
  if (opts.session) await context.addCookies(opts.session);
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return LOCAL_HOSTS.has(host) || host === "" ? route.continue() : route.abort("blockedbyclient");
  });
  return context;
}

async function expectAccessibleAtBothWidths(page: Page, label: string) {
  await page.setViewportSize(PHONE);
  await expectAccessible(page, `${label} (phone)`);
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page, `${label} (desktop)`);
}

/** axe for a page rendered without JavaScript: its HTML (scripts removed) served to a JavaScript page at the same address. */
async function expectAccessibleWithoutJs(noJs: Page, helper: BrowserContext, label: string) {
  const html = (await noJs.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "").replace(/<\/?noscript>/gi, "");
  const page = await helper.newPage();
  await page.route(noJs.url(), (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await page.goto(noJs.url());
  await expectAccessibleAtBothWidths(page, `${label}, without JavaScript`);
  await page.close();
}

test("a moderator runs a poll that residents answer, and present mode shows the result", async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const dialogueId = await newDialogue(request, "Omröstning i Skarpnäck");
  const session = await staffSession(baseURL!, ACCOUNTS.moderator);
  const staff = await newContext(browser, baseURL!, { session });
  const resident = await newContext(browser, baseURL!);
  const noJs = await newContext(browser, baseURL!, { javaScriptEnabled: false });
  try {
    // The moderator prepares a single-choice poll.
    const mod = await staff.newPage();
    await mod.goto(`/personal/dialoger/${dialogueId}/omrostningar`);
    await expect(mod.getByRole("heading", { level: 1, name: /Omröstningar/ })).toBeVisible();
    await expectAccessibleAtBothWidths(mod, "staff poll page");
    await mod.getByLabel("Typ av fråga").selectOption("single");
    await mod.getByLabel("Fråga", { exact: true }).fill("Vilken plats ska vi börja med?");
    await mod.getByLabel("Svarsalternativ").fill("Gångtunneln\nParkeringen\nTorget");
    await mod.getByRole("button", { name: "Förbered omröstningen" }).click();
    const staffPoll = mod.getByRole("article", { name: "Vilken plats ska vi börja med?" });
    await expect(staffPoll.getByText("Förberedd")).toBeVisible();
    await expectAccessibleAtBothWidths(mod, "staff poll page with a prepared poll");

    // A resident on the join page sees nothing until it opens, then answers over the socket.
    const join = await resident.newPage();
    await join.goto(`/dialoger/${dialogueId}/delta`);
    const polls = join.getByTestId("polls");
    await expect(polls.getByText("Inga omröstningar är öppna just nu.")).toBeVisible();
    await staffPoll.getByRole("button", { name: "Öppna" }).click();
    const question = polls.getByRole("group", { name: "Vilken plats ska vi börja med?" });
    await expect(question).toBeVisible();
    await expectAccessibleAtBothWidths(join, "join page with an open poll");
    await question.getByLabel("Parkeringen").check();
    await polls.getByRole("button", { name: "Svara" }).click();
    await expect(polls.getByText("Tack! Ditt svar är registrerat.")).toBeVisible();
    await expect(polls.getByText("Ditt svar: Parkeringen")).toBeVisible();
    await expect(polls.getByText("Resultatet visas när samtalsledaren väljer att visa det.")).toBeVisible();
    await expectAccessibleAtBothWidths(join, "join page after answering");

    // A resident without JavaScript answers on the Q&A page: a plain form post.
    const qa = await noJs.newPage();
    await qa.goto(`/dialoger/${dialogueId}/fragor`);
    await expectAccessibleWithoutJs(qa, resident, "Q&A page with an open poll");
    await qa.getByRole("group", { name: "Vilken plats ska vi börja med?" }).getByLabel("Parkeringen").check();
    await qa.getByRole("button", { name: "Svara" }).click();
    await expect(qa).toHaveURL(new RegExp(`/dialoger/${dialogueId}/omrostningar$`));
    await expect(qa.getByText("Tack! Ditt svar är registrerat.")).toBeVisible();
    await expectAccessibleWithoutJs(qa, resident, "polls page after a form answer");

    // The moderator sees the answers live before revealing.
    await expect(staffPoll.getByText("2 svar hittills")).toBeVisible();

    // Present mode shows the poll, then its result live once revealed.
    const present = await resident.newPage();
    await present.goto(`/dialoger/${dialogueId}/skarm`);
    const onScreen = present.getByTestId("present-poll");
    await expect(onScreen.getByText("Vilken plats ska vi börja med?")).toBeVisible();
    await expectAccessibleAtBothWidths(present, "present mode with an open poll");
    await staffPoll.getByRole("button", { name: "Visa resultatet" }).click();
    await expect(onScreen.getByText("Parkeringen: 2 (100 %)")).toBeVisible();
    await expect(join.getByTestId("polls").getByText("Parkeringen: 2 (100 %)")).toBeVisible();
    await expectAccessibleAtBothWidths(present, "present mode with the result");

    // Closed, it stays on the återkoppling page with its result.
    await staffPoll.getByRole("button", { name: "Stäng" }).click();
    await expect(staffPoll.getByText("Stängd")).toBeVisible();
    await expect(polls.getByText("Omröstningen är stängd.")).toBeVisible();
    const feedback = await resident.newPage();
    await feedback.goto(`/dialoger/${dialogueId}/aterkoppling`);
    const closed = feedback.getByTestId("feedback-polls");
    await expect(closed.getByRole("heading", { name: "Vilken plats ska vi börja med?" })).toBeVisible();
    await expect(closed.getByText("Parkeringen: 2 (100 %)")).toBeVisible();
    await expectAccessibleAtBothWidths(feedback, "återkoppling with a closed poll");
  } finally {
    await staff.close();
    await resident.close();
    await noJs.close();
  }
});
