/**
 * One live path (issue 9, "Done when"), in Chromium against the built app:
 *   - the join page holds one WebSocket for presence and the Q&A together;
 *   - a resident's ask, vote and unvote, and every moderation control, each send exactly one
 *     socket.io event frame and cause no page-data request (no POST, no `?_data=` GET) while
 *     the action completes and its outcome shows;
 *   - a precise refusal (a written-answer due date in the past) reaches the moderator;
 *   - without JavaScript the same forms post to the route actions and the page shows the outcome.
 *
 * Counting frames: `framesent` of the page's WebSocket, socket.io EVENT packets only (they start
 * with "42", an ack id may follow: `42<ackId>["qa:vote",…]`; engine.io pings and pongs are "2"
 * and "3"). Frames reach the test asynchronously, so "nothing else was sent" needs an ordering
 * barrier, not a pause: once the outcome shows, the test sends its own frame on the page's
 * socket (`42["e2e:barrier",…]`, an event the server ignores) and waits until it sees it. Frames
 * arrive in the order the page sent them, so by then every frame the action caused is in the list.
 *
 * Set-up goes through the same doors as the app: the dialogue row straight into the database
 * (there is no quicker public way to have an ongoing dialogue), staff sessions through the
 * sign-in form's action, questions and approvals over socket.io from Node, as residents and as
 * the signed-in moderator.
 */
import crypto from "node:crypto";
import { request as apiRequest, type APIRequestContext, type Browser, type BrowserContext, type Page, type WebSocket as PageSocket } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { openSqlite } from "../db/connection";
import { ACCOUNTS, DEMO_PASSWORD, appNow, expect, expectAccessible, test } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

// ---------------------------------------------------------------- set-up

/** An ongoing dialogue of its own for each test, so counts and queues are the test's alone. */
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

type Ack<T> = { ok: true; data: T } | { ok: false; error: string; reason?: string };
type NodeSocket = Socket;

function connect(baseURL: string, cookie: string): Promise<NodeSocket> {
  const socket = io(baseURL, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

function emit<T>(socket: NodeSocket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(8000).emitWithAck(event, payload);
}

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;

/** A staff session, signed in through the sign-in form's action (the journeys in foundation.spec.ts use the form itself). */
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

/** The Q&A set-up over the app's own protocol: residents ask, the signed-in moderator approves. */
async function qaSetup(baseURL: string, dialogueId: number, moderatorSession: Cookies) {
  const moderator = await connect(baseURL, moderatorSession.map((c) => `${c.name}=${c.value}`).join("; "));
  return {
    /** One question from a new resident device (each device may ask three a minute). */
    async ask(text: string): Promise<number> {
      const resident = await connect(baseURL, `tryggve_pid=${crypto.randomUUID()}`);
      try {
        const r = await emit<{ questionId: number }>(resident, "qa:ask", { dialogueId, text, displayName: null, idempotencyKey: crypto.randomUUID() });
        if (!r.ok) throw new Error(`ask refused: ${r.error}`);
        return r.data.questionId;
      } finally {
        resident.close();
      }
    },
    async approve(questionId: number) {
      const r = await emit(moderator, "qa:moderate", { action: "approve", dialogueId, questionId });
      if (!r.ok) throw new Error(`approve refused: ${r.error}`);
    },
    close: () => moderator.close(),
  };
}

/** A context like the fixture's (external requests refused), at desktop width; JavaScript and a staff session optional. */
async function newLiveContext(browser: Browser, baseURL: string, opts: { javaScriptEnabled?: boolean; session?: Cookies } = {}) {
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

// ---------------------------------------------------------------- recording

interface Frame {
  event: string;
  ackId: string;
  payload: Record<string, unknown> | undefined;
  raw: string;
}

/** A socket.io EVENT packet (`42`, optional ack id, JSON array); null for anything else. */
function parseEvent(raw: string): Frame | null {
  const m = /^42(\d*)(\[[\s\S]*\])$/.exec(raw);
  if (!m) return null;
  const [event, payload] = JSON.parse(m[2]) as [string, Record<string, unknown> | undefined];
  return { event, ackId: m[1], payload, raw };
}

/** What the page sends and receives on its WebSockets, and every HTTP request it makes. */
async function recordLive(page: Page) {
  // Keep a handle on the page's WebSockets so the test can send its barrier frame on them.
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const opened: WebSocket[] = [];
    Object.assign(window, { __e2eSockets: opened });
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        opened.push(this);
      }
    };
  });
  const sockets: PageSocket[] = [];
  const sent: string[] = [];
  const received: string[] = [];
  const requests: Array<{ method: string; url: string }> = [];
  page.on("websocket", (ws) => {
    sockets.push(ws);
    ws.on("framesent", (f) => sent.push(String(f.payload)));
    ws.on("framereceived", (f) => received.push(String(f.payload)));
  });
  page.on("request", (r) => requests.push({ method: r.method(), url: r.url() }));

  async function barrier() {
    const token = crypto.randomUUID();
    const ws = sockets.find((s) => !s.isClosed());
    if (!ws) throw new Error("the page has no open WebSocket");
    const seen = ws.waitForEvent("framesent", { predicate: (f) => String(f.payload).includes(token) });
    await page.evaluate((t) => {
      for (const s of (window as unknown as { __e2eSockets: WebSocket[] }).__e2eSockets) {
        if (s.readyState === WebSocket.OPEN) s.send(`42["e2e:barrier","${t}"]`);
      }
    }, token);
    await seen;
  }

  /**
   * Runs one live action and checks it sent exactly one event frame (`event`, with
   * `payload` in its data), that the server acknowledged it, and that no page data was
   * requested. `outcome` waits (auto-waiting expect) for what the action changes on screen.
   * Resolves with the ack's body.
   */
  async function oneFrame(
    label: string,
    expected: { event: string; payload?: Record<string, unknown> },
    action: () => Promise<unknown>,
    outcome: () => Promise<unknown>,
  ): Promise<Record<string, unknown>> {
    const sentFrom = sent.length;
    const requestsFrom = requests.length;
    await action();
    await outcome();
    await barrier();
    const frames = sent
      .slice(sentFrom)
      .map(parseEvent)
      .filter((f): f is Frame => f !== null && f.event !== "e2e:barrier");
    expect(
      frames.map((f) => f.event),
      `${label}: socket.io event frames sent`,
    ).toEqual([expected.event]);
    const [frame] = frames;
    if (expected.payload) expect(frame.payload, `${label}: payload`).toMatchObject(expected.payload);
    expect(frame.ackId, `${label}: the event asks for an ack`).not.toBe("");
    // The ack: `43<ackId>[{"ok":…}]`.
    const ackPrefix = `43${frame.ackId}[`;
    await expect.poll(() => received.some((r) => r.startsWith(ackPrefix)), { message: `${label}: ack received` }).toBe(true);
    const ack = (JSON.parse(received.find((r) => r.startsWith(ackPrefix))!.slice(ackPrefix.length - 1)) as Array<Record<string, unknown>>)[0];
    const pageData = requests.slice(requestsFrom).filter((r) => r.method !== "GET" || r.url.includes("_data="));
    expect(pageData, `${label}: page-data requests`).toEqual([]);
    return ack;
  }

  return { sockets, sent, received, requests, barrier, oneFrame };
}

/** axe at phone and at desktop width; the page is left at desktop width. */
async function expectAccessibleAtBothWidths(page: Page, label: string) {
  await page.setViewportSize(PHONE);
  await expectAccessible(page, `${label} (phone)`);
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page, `${label} (desktop)`);
}

/**
 * axe for a page rendered without JavaScript (axe itself needs it): the same HTML, with its
 * scripts removed and its <noscript> content shown, served at the same address to a page of a
 * JavaScript-enabled context, so its styles load as they do for the no-JavaScript visitor.
 */
async function expectAccessibleWithoutJs(noJs: Page, helper: BrowserContext, label: string) {
  const html = (await noJs.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "").replace(/<\/?noscript>/gi, "");
  const page = await helper.newPage();
  await page.route(noJs.url(), (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await page.goto(noJs.url());
  await expectAccessibleAtBothWidths(page, `${label}, without JavaScript`);
  await page.close();
}

const queueItem = (page: Page, text: string) =>
  page
    .locator(".mod-columns section")
    .first()
    .getByRole("article", { name: new RegExp(escape(text)) });
const publishedItem = (page: Page, text: string) =>
  page
    .locator(".mod-columns section")
    .nth(1)
    .getByRole("article", { name: new RegExp(escape(text)) });
/** A vote button's name: the verb, then the question (read out after a colon). */
const voteName = (verb: string, text: string) => new RegExp(`^${verb} ?: ${escape(text)}$`);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function openModeration(page: Page, dialogueId: number) {
  const live = await recordLive(page);
  await page.goto(`/personal/dialoger/${dialogueId}/fragor`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Moderera frågor");
  await expect(page.getByText("Uppdateras direkt")).toBeVisible();
  return live;
}

/** A new dialogue, a signed-in moderator's context and page for it, and the socket set-up. */
async function moderatorSetup(browser: Browser, baseURL: string, request: APIRequestContext, title: string, opts: { javaScriptEnabled?: boolean } = {}) {
  const id = await newDialogue(request, `${title} ${Date.now()}`);
  const session = await staffSession(baseURL, ACCOUNTS.moderator);
  const modContext = await newLiveContext(browser, baseURL, { ...opts, session });
  const page = await modContext.newPage();
  return { id, modContext, page, setup: await qaSetup(baseURL, id, session) };
}

function questionRow(questionId: number) {
  const db = openSqlite(process.env.E2E_DATABASE_PATH ?? "./data/e2e.sqlite");
  try {
    return db
      .prepare(`select q.status, o.name as assignedTo from questions q left join organisations o on o.id = q.assigned_organisation_id where q.id = ?`)
      .get(questionId) as { status: string; assignedTo: string | null };
  } finally {
    db.close();
  }
}

/** A dialogue with one published question and two waiting ones, and a moderator signed in without JavaScript. */
async function noJsSetup(browser: Browser, baseURL: string, request: APIRequestContext, title: string) {
  const { id, modContext, page: moderator, setup } = await moderatorSetup(browser, baseURL, request, title, { javaScriptEnabled: false });
  const texts = {
    popular: "Kan det bli fler bänkar längs promenadstråket?",
    approve: "Hur går det med den nya lekplatsen?",
    reject: "Rösta på vårt parti i valet",
  };
  await setup.approve(await setup.ask(texts.popular));
  const ids = { approve: await setup.ask(texts.approve), reject: await setup.ask(texts.reject) };
  setup.close();
  // axe runs in a JavaScript-enabled context on the HTML the no-JavaScript pages got.
  const helper = await newLiveContext(browser, baseURL);
  return { id, modContext, moderator, texts, ids, helper };
}

const isPost = (path: string) => (r: { request(): { method(): string }; url(): string }) =>
  r.request().method() === "POST" && new URL(r.url()).pathname === path;

// ---------------------------------------------------------------- journeys

test("the join page holds one WebSocket; a resident's ask, vote and unvote each send one frame and reload nothing", async ({ browser, baseURL, request }) => {
  const { id, modContext, setup } = await moderatorSetup(browser, baseURL!, request, "Livedialog invånare");
  const popular = "Kan busshållplatsen vid skolan få tak och belysning?";
  await setup.approve(await setup.ask(popular));
  setup.close();
  await modContext.close();

  const context = await newLiveContext(browser, baseURL!);
  const page = await context.newPage();
  const live = await recordLive(page);
  await page.goto(`/dialoger/${id}/delta`);
  // Live: the Q&A has joined ("Uppdateras direkt") and presence has counted ("… deltar på distans").
  await expect(page.getByText("Uppdateras direkt")).toBeVisible();
  await expect(page.getByTestId("remote-count")).toHaveAttribute("data-count", /\d+/);
  // All joins seen (the live polls join on the same socket too): whatever socket sent them has been reported (a socket's "websocket" event comes before its frames).
  const joins = () => live.sent.map((raw) => parseEvent(raw)?.event).filter((e) => e !== undefined);
  await expect.poll(() => joins().sort()).toEqual(["poll:join", "presence:join", "qa:join"]);
  expect(live.sockets, "WebSockets once the Q&A, the polls and presence are connected").toHaveLength(1);

  const text = "Varför är gångtunneln under järnvägen så mörk på kvällarna?";
  await page.getByLabel("Din fråga (högst 500 tecken)").fill(text);
  await live.oneFrame(
    "ask",
    { event: "qa:ask", payload: { dialogueId: id, text } },
    () => page.getByRole("button", { name: "Skicka frågan" }).click(),
    async () => {
      await expect(page.getByText("Tack! Din fråga väntar på granskning.")).toBeVisible();
      await expect(page.locator(".my-questions li", { hasText: text })).toContainText("Väntar på granskning");
    },
  );

  const item = page.locator(".question-list li", { hasText: popular });
  const ack = await live.oneFrame(
    "vote",
    { event: "qa:vote", payload: { dialogueId: id, voted: true } },
    () => item.getByRole("button", { name: voteName("Rösta", popular) }).click(),
    async () => {
      await expect(item.getByRole("button", { name: voteName("Ta bort röst", popular) })).toHaveAttribute("aria-pressed", "true");
      await expect(item).toContainText("1 röst");
    },
  );
  expect(ack).toEqual({ ok: true, data: { voted: true, votes: 1, version: 1 } });
  await live.oneFrame(
    "unvote",
    { event: "qa:vote", payload: { dialogueId: id, voted: false } },
    () => item.getByRole("button", { name: voteName("Ta bort röst", popular) }).click(),
    async () => {
      await expect(item.getByRole("button", { name: voteName("Rösta", popular) })).toHaveAttribute("aria-pressed", "false");
      await expect(item).toContainText("0 röster");
    },
  );
  expect(live.sockets, "still one WebSocket at the end").toHaveLength(1);
  expect(
    live.requests.filter((r) => r.url.includes("/socket.io/")),
    "no long-polling next to the WebSocket",
  ).toEqual([]);
  await expectAccessibleAtBothWidths(page, "join page after asking and voting");
  await context.close();
});

test("claim on focus, approve, edit and approve, merge: one frame each, and focus keeps its place", async ({ browser, baseURL, request }) => {
  const { id, modContext, page, setup } = await moderatorSetup(browser, baseURL!, request, "Livedialog kö");
  const targetId = await setup.ask("Kan parken vid torget få fler lampor?");
  await setup.approve(targetId);
  const texts = {
    approve: "Hur ofta städas gångtunneln vid stationen?",
    edit: "Varför är det så mörkt vid cykelbanan vid skolan",
    merge: "Kan parken vid torget få mer belysning?",
  };
  const keys = Object.keys(texts) as Array<keyof typeof texts>;
  const ids = { approve: await setup.ask(texts.approve), edit: await setup.ask(texts.edit), merge: await setup.ask(texts.merge) };
  setup.close();

  // A colleague's screen shows each claim as it happens.
  const colleagueContext = await newLiveContext(browser, baseURL!, { session: await staffSession(baseURL!, ACCOUNTS.admin) });
  const colleague = await colleagueContext.newPage();
  await colleague.goto(`/personal/dialoger/${id}/fragor`);
  await expect(colleague.getByText("Uppdateras direkt")).toBeVisible();

  const live = await openModeration(page, id);
  await expect(page.getByRole("heading", { name: "Att granska (3)" })).toBeVisible();

  // Focusing an item claims it. Every item first: after each action below focus moves on to the
  // next item, which is then already claimed, so each action sends its own frame only.
  for (const key of keys) {
    await live.oneFrame(
      `claim ${key}`,
      { event: "qa:claim", payload: { dialogueId: id, questionId: ids[key] } },
      () => queueItem(page, texts[key]).focus(),
      () => expect(queueItem(colleague, texts[key])).toContainText("Hanteras av Mira Moderator"),
    );
  }

  await live.oneFrame(
    "approve",
    { event: "qa:moderate", payload: { action: "approve", questionId: ids.approve } },
    () =>
      queueItem(page, texts.approve)
        .getByRole("button", { name: `Godkänn #${ids.approve}` })
        .click(),
    async () => {
      await expect(queueItem(page, texts.approve)).toHaveCount(0);
      await expect(publishedItem(page, texts.approve)).toBeVisible();
      // Keyboard users keep their place: the item that took its place has focus.
      await expect(queueItem(page, texts.edit)).toBeFocused();
    },
  );

  const edited = "Varför är det så mörkt vid cykelbanan vid skolan?";
  const editForm = queueItem(page, texts.edit).locator("details", { has: page.locator("summary", { hasText: "Redigera och godkänn" }) });
  await editForm.locator("summary").click();
  await editForm.getByLabel("Redigerad text").fill(edited);
  await editForm.getByLabel("Varför redigeras frågan?").fill("Frågetecken saknades");
  await live.oneFrame(
    "edit and approve",
    { event: "qa:moderate", payload: { action: "edit_and_approve", questionId: ids.edit, text: edited } },
    () => editForm.locator('button[type="submit"]').click(),
    async () => {
      await expect(queueItem(page, texts.edit)).toHaveCount(0);
      await expect(publishedItem(page, edited)).toBeVisible();
      await expect(queueItem(page, texts.merge)).toBeFocused();
    },
  );

  const mergeItem = queueItem(page, texts.merge);
  await mergeItem.getByLabel("Slå ihop med publicerad fråga").selectOption(String(targetId));
  await live.oneFrame(
    "merge",
    { event: "qa:moderate", payload: { action: "merge", questionId: ids.merge, intoQuestionId: targetId } },
    () => mergeItem.getByRole("button", { name: "Slå ihop" }).click(),
    async () => {
      await expect(queueItem(page, texts.merge)).toHaveCount(0);
      // The queue is empty: focus goes to its heading, not to the page.
      await expect(page.getByRole("heading", { name: "Att granska (0)" })).toBeFocused();
    },
  );
  expect(questionRow(ids.merge).status).toBe("merged");
  await expectAccessibleAtBothWidths(page, "moderation page");
  await expectAccessibleAtBothWidths(colleague, "moderation page, a colleague's");
  await colleagueContext.close();
  await modContext.close();
});

test("reject with a rule, escalate, assign: one frame each; a question asked meanwhile arrives live", async ({ browser, baseURL, request }) => {
  const { id, modContext, page, setup } = await moderatorSetup(browser, baseURL!, request, "Livedialog avvisa");
  const texts = { reject: "Köp billiga solglasögon på vår sajt", escalate: "Någon har hotat folk vid kiosken varje kväll" };
  const rejectId = await setup.ask(texts.reject);
  const live = await openModeration(page, id);

  const rejectItem = queueItem(page, texts.reject);
  await rejectItem.getByLabel("Regel").selectOption("advertising_campaigning");
  await live.oneFrame(
    "reject with a rule",
    { event: "qa:moderate", payload: { action: "reject", questionId: rejectId, rule: "advertising_campaigning" } },
    () => rejectItem.getByRole("button", { name: `Avvisa #${rejectId}` }).click(),
    () => expect(page.getByRole("heading", { name: "Att granska (0)" })).toBeFocused(),
  );

  // Asked while the page is open: it arrives in the queue as a qa:queue delta.
  const escalateId = await setup.ask(texts.escalate);
  setup.close();
  const escalateItem = queueItem(page, texts.escalate);
  await expect(escalateItem).toBeVisible();
  const escalateForm = escalateItem.locator("details", { has: page.locator("summary", { hasText: "Flagga för polisanmälan" }) });
  await escalateForm.locator("summary").click();
  await escalateForm.getByLabel("Anteckning till anmälan").fill("Upprepade hot vid kiosken");
  await live.oneFrame(
    "escalate (flag for police)",
    { event: "qa:moderate", payload: { action: "escalate", questionId: escalateId, note: "Upprepade hot vid kiosken" } },
    () => escalateForm.locator('button[type="submit"]').click(),
    () => expect(escalateItem).toContainText("Flaggad för polisanmälan"),
  );

  // The queue item does not show who it is assigned to, so the outcome is the ack (checked by
  // oneFrame) and the stored assignment.
  await escalateItem.getByLabel("Tilldela till").selectOption({ label: "Stockholmshem" });
  const assigned = await live.oneFrame(
    "assign",
    { event: "qa:moderate", payload: { action: "assign", questionId: escalateId, assigneeType: "organisation" } },
    () => escalateItem.getByRole("button", { name: "Tilldela" }).click(),
    () => expect.poll(() => questionRow(escalateId).assignedTo).toBe("Stockholmshem"),
  );
  expect(assigned).toEqual({ ok: true, data: { done: true } });
  await expectAccessibleAtBothWidths(page, "moderation page after reject, escalate and assign");
  await modContext.close();
});

test("each control on a published question sends one frame, a past due date gets its precise message, pause and reopen", async ({
  browser,
  baseURL,
  request,
}) => {
  const { id, modContext, page, setup } = await moderatorSetup(browser, baseURL!, request, "Livedialog publicerade");
  const texts = {
    now: "Vad gör polisen åt bilarna som kör för fort på Skarpnäcksvägen?",
    answered: "När byts lamporna vid fotbollsplanen?",
    writing: "Hur många anmälningar om skadegörelse kom in förra året?",
    past: "Vem äger marken bakom centrumhuset?",
  };
  for (const text of Object.values(texts)) await setup.approve(await setup.ask(text));
  setup.close();
  const live = await openModeration(page, id);
  await expect(page.getByRole("heading", { name: "Publicerade (4)" })).toBeVisible();

  const now = publishedItem(page, texts.now);
  await live.oneFrame(
    "now answering",
    { event: "qa:moderate", payload: { action: "start_answering" } },
    () => now.getByRole("button", { name: /^Besvara nu/ }).click(),
    async () => {
      await expect(now).toContainText("Besvaras nu:");
      await expect(now.getByRole("button", { name: "Tillbaka till listan" })).toBeVisible();
    },
  );
  await live.oneFrame(
    "stop answering",
    { event: "qa:moderate", payload: { action: "stop_answering" } },
    () => now.getByRole("button", { name: "Tillbaka till listan" }).click(),
    async () => {
      await expect(now.getByRole("button", { name: /^Besvara nu/ })).toBeVisible();
      await expect(now).not.toContainText("Besvaras nu:");
    },
  );

  const answered = publishedItem(page, texts.answered);
  const answerForm = answered.locator("details", { has: page.locator("summary", { hasText: "Markera som besvarad" }) });
  await answerForm.locator("summary").click();
  await answerForm.getByLabel("Kort skriftligt svar (valfritt)").fill("Lamporna byts i november.");
  await answerForm.getByLabel("Vem svarade?").fill("Trafikkontoret");
  await live.oneFrame(
    "answered",
    { event: "qa:moderate", payload: { action: "mark_answered", answer: "Lamporna byts i november." } },
    () => answerForm.locator('button[type="submit"]').click(),
    () => expect(publishedItem(page, texts.answered)).toHaveCount(0),
  );

  await live.oneFrame(
    "answer in writing",
    { event: "qa:moderate", payload: { action: "answer_in_writing" } },
    () => publishedItem(page, texts.writing).getByRole("button", { name: "Besvara skriftligt" }).click(),
    () => expect(publishedItem(page, texts.writing)).toHaveCount(0),
  );

  const past = publishedItem(page, texts.past);
  await past.getByLabel("Svara senast").fill("2020-01-01");
  const refused = await live.oneFrame(
    "answer in writing, due date in the past",
    { event: "qa:moderate", payload: { action: "answer_in_writing", dueDate: "2020-01-01" } },
    () => past.getByRole("button", { name: "Besvara skriftligt" }).click(),
    () =>
      expect(past.locator("form", { has: page.getByLabel("Svara senast") }).getByRole("alert")).toHaveText(
        "Datumet för det skriftliga svaret har redan passerat. Välj dagens datum eller ett senare.",
      ),
  );
  expect(refused).toMatchObject({ ok: false, reason: "due_date_in_past", field: "dueDate" });
  await expect(past).toBeVisible();

  await live.oneFrame(
    "pause submissions",
    { event: "qa:submissions", payload: { dialogueId: id, open: false } },
    () => page.getByRole("button", { name: "Pausa frågor" }).click(),
    () => expect(page.getByRole("status").filter({ hasText: "Frågor är pausade" })).toBeVisible(),
  );
  await live.oneFrame(
    "reopen submissions",
    { event: "qa:submissions", payload: { dialogueId: id, open: true } },
    () => page.getByRole("button", { name: "Öppna för frågor igen" }).click(),
    () => expect(page.getByRole("status").filter({ hasText: "Frågor tas emot" })).toBeVisible(),
  );
  expect(live.sockets).toHaveLength(1);
  await expectAccessibleAtBothWidths(page, "moderation after the published actions");
  await modContext.close();
});

test("without JavaScript: a resident asks and votes by plain form posts", async ({ browser, baseURL, request }) => {
  const { id, modContext, texts, helper } = await noJsSetup(browser, baseURL!, request, "Livedialog utan JavaScript, invånare");
  await modContext.close();
  const residentContext = await newLiveContext(browser, baseURL!, { javaScriptEnabled: false });
  const resident = await residentContext.newPage();
  await resident.goto(`/dialoger/${id}/delta`);
  await expectAccessibleWithoutJs(resident, helper, "join page");

  // The join page's form posts to /dialoger/:id/fragor, which answers with its page.
  const text = "Går det att få ett övergångsställe vid skolan?";
  await resident.getByLabel("Din fråga (högst 500 tecken)").fill(text);
  const [asked] = await Promise.all([
    resident.waitForResponse(isPost(`/dialoger/${id}/fragor`)),
    resident.getByRole("button", { name: "Skicka frågan" }).click(),
  ]);
  expect(asked.status()).toBe(200);
  await expect(resident.getByText("Tack! Din fråga väntar på granskning.")).toBeVisible();
  await expect(resident.locator(".my-questions li", { hasText: text })).toContainText("Väntar på granskning");

  const item = resident.locator(".question-list li", { hasText: texts.popular });
  const [voted] = await Promise.all([
    resident.waitForResponse(isPost(`/dialoger/${id}/fragor`)),
    item.getByRole("button", { name: voteName("Rösta", texts.popular) }).click(),
  ]);
  expect(voted.status()).toBe(200);
  await expect(item).toContainText("1 röst");
  await expect(item.getByRole("button", { name: voteName("Ta bort röst", texts.popular) })).toHaveAttribute("aria-pressed", "true");
  await expectAccessibleWithoutJs(resident, helper, "questions page after voting");
  await Promise.all([residentContext.close(), helper.close()]);
});

test("without JavaScript: a moderator approves and rejects by plain form posts, and residents see the decisions", async ({ browser, baseURL, request }) => {
  const { id, modContext, moderator, texts, ids, helper } = await noJsSetup(browser, baseURL!, request, "Livedialog utan JavaScript, moderator");
  const path = `/personal/dialoger/${id}/fragor`;
  await moderator.goto(path);
  await expect(moderator.getByRole("heading", { name: "Att granska (2)" })).toBeVisible();

  const [approved] = await Promise.all([
    moderator.waitForResponse(isPost(path)),
    queueItem(moderator, texts.approve)
      .getByRole("button", { name: `Godkänn #${ids.approve}` })
      .click(),
  ]);
  expect(approved.headers()["content-type"]).toContain("text/html");
  await expect(moderator.getByRole("heading", { name: "Att granska (1)" })).toBeVisible();
  await expect(queueItem(moderator, texts.approve)).toHaveCount(0);
  await expect(publishedItem(moderator, texts.approve)).toBeVisible();

  const rejectItem = queueItem(moderator, texts.reject);
  await rejectItem.getByLabel("Regel").selectOption("advertising_campaigning");
  await Promise.all([moderator.waitForResponse(isPost(path)), rejectItem.getByRole("button", { name: `Avvisa #${ids.reject}` }).click()]);
  await expect(moderator.getByRole("heading", { name: "Att granska (0)" })).toBeVisible();
  await expect(queueItem(moderator, texts.reject)).toHaveCount(0);
  await expectAccessibleWithoutJs(moderator, helper, "moderation queue after approving and rejecting");

  // A resident's next page (no JavaScript either) shows both decisions.
  const residentContext = await newLiveContext(browser, baseURL!, { javaScriptEnabled: false });
  const resident = await residentContext.newPage();
  await resident.goto(`/dialoger/${id}/fragor`);
  await expect(resident.locator(".question-list")).toContainText(texts.approve);
  await expect(resident.locator(".tally-table")).toContainText("Reklam eller partipolitisk kampanj");
  await Promise.all([residentContext.close(), modContext.close(), helper.close()]);
});

// Without JavaScript a refused form post renders the page again with its message at the control it
// answers. A page without JavaScript cannot change after it has loaded, so a short wait is enough.
test("without JavaScript, a resident's refused question shows its message next to the field", async ({ browser, baseURL, request }) => {
  const id = await newDialogue(request, `Livedialog utan JavaScript, fel ${Date.now()}`);
  const context = await newLiveContext(browser, baseURL!, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/dialoger/${id}/fragor`);
  await Promise.all([page.waitForResponse(isPost(`/dialoger/${id}/fragor`)), page.getByRole("button", { name: "Skicka frågan" }).click()]);
  await expect(page.locator("#qa-text-error")).toHaveText("Fältet måste fyllas i.", { timeout: 1000 });
  await context.close();
});

test("without JavaScript, a moderator's refused action shows its precise message", async ({ browser, baseURL, request }) => {
  const { id, modContext, moderator, texts, helper } = await noJsSetup(browser, baseURL!, request, "Livedialog utan JavaScript, moderatorfel");
  await helper.close();
  const path = `/personal/dialoger/${id}/fragor`;
  await moderator.goto(path);
  const item = publishedItem(moderator, texts.popular);
  await item.getByLabel("Svara senast").fill("2020-01-01");
  const [refused] = await Promise.all([moderator.waitForResponse(isPost(path)), item.getByRole("button", { name: "Besvara skriftligt" }).click()]);
  expect(refused.status()).toBe(409);
  await expect(publishedItem(moderator, texts.popular).getByRole("alert")).toHaveText(
    "Datumet för det skriftliga svaret har redan passerat. Välj dagens datum eller ett senare.",
    { timeout: 1000 },
  );
  await modContext.close();
});
