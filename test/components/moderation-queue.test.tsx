// @vitest-environment jsdom
/**
 * The moderator's page (`/personal/dialoger/:id/fragor`: ModerationQueue and
 * PublishedModeration), rendered from the real route module with a real socket.io server.
 * Every control sends `qa:moderate` (or `qa:claim`) over the socket; the queue changes only
 * by the server's `qa:queue` deltas, and refusals show their precise message.
 */
import crypto from "node:crypto";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { moderate, submitQuestion } from "~/domain/questions/qa.server";
import { publisherFor } from "~/realtime/server.server";
import type { QaClaimed, QaQueueUpdate } from "~/realtime/qa.events";
import * as modRoute from "~/routes/personal.dialoger.$id_.fragor";
import { staffCookie, testContext } from "../helpers/context";
import { createTestDb } from "../helpers/db";
import { makeStaff } from "../helpers/factories";
import { makeQaDialogue } from "../helpers/qa";
import { call, nextEvent, startRealtime, type Client } from "../helpers/realtime";
import { openTab } from "./harness";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;
let me: { id: number; name: string; email: string };
let myCookie: string;
let colleague: { id: number; name: string; email: string };
let colleagueSocket: Client;

beforeAll(async () => {
  db = await createTestDb();
  rt = await startRealtime(db);
  me = await makeStaff(db, { role: "moderator", name: "Maja Moderator" });
  myCookie = (await staffCookie(db, me.id)).cookie;
  colleague = await makeStaff(db, { role: "moderator", name: "Kim Kollega" });
  colleagueSocket = await rt.connect({ cookie: (await staffCookie(db, colleague.id)).cookie });
});
afterEach(() => cleanup());
afterAll(async () => {
  await rt.close();
  await db.destroy();
});

async function dialogueWith(texts: string[]) {
  const dialogueId = (await makeQaDialogue(db, "ongoing")).id;
  const ids: number[] = [];
  for (const text of texts) {
    const r = await submitQuestion(db, { dialogueId, text, displayName: null, idempotencyKey: crypto.randomUUID(), participantId: crypto.randomUUID() });
    if (!r.ok) throw new Error(r.error);
    ids.push(r.questionId);
  }
  const joined = await call(colleagueSocket, "qa:join", { dialogueId, lastSeq: null });
  if (!joined.ok) throw new Error("colleague could not join");
  return { dialogueId, ids };
}

async function openModeration(dialogueId: number) {
  const tab = openTab({
    url: `/personal/dialoger/${dialogueId}/fragor`,
    serverUrl: rt.url,
    cookie: myCookie,
    context: testContext(db, { publisher: publisherFor(rt.io) }),
    routes: [
      {
        id: "routes/personal.dialoger.$id_.fragor",
        path: "personal/dialoger/:id/fragor",
        loader: modRoute.loader,
        action: modRoute.action,
        Component: modRoute.default,
        shouldRevalidate: modRoute.shouldRevalidate,
      },
    ],
  });
  await screen.findByRole("heading", { level: 1 });
  await screen.findByText("Uppdateras direkt");
  return { tab, loadsBefore: tab.loads.length };
}

/** The queue (waiting questions) and the published list are two lists of articles. */
const queue = () => within(screen.getByRole("heading", { name: /^Att granska/ }).closest("section")!);
const article = (text: string) => queue().getByRole("article", { name: (n) => n.includes(text) });

describe("ModerationQueue", () => {
  it("approve removes the item by the server's qa:queue delta and focus moves to the next item, not to the page", async () => {
    const user = userEvent.setup();
    const texts = ["Första frågan om cykelbanan", "Andra frågan om cykelbanan", "Tredje frågan om cykelbanan"];
    const { dialogueId, ids } = await dialogueWith(texts);
    const { tab, loadsBefore } = await openModeration(dialogueId);
    await screen.findByRole("heading", { name: "Att granska (3)" });

    const delta = nextEvent<QaQueueUpdate>(colleagueSocket, "qa:queue", { where: (u) => u.removed.includes(ids[1]) });
    await user.click(within(article(texts[1])).getByRole("button", { name: `Godkänn #${ids[1]}` }));

    await screen.findByRole("heading", { name: "Att granska (2)" });
    expect(queue().queryByRole("article", { name: (n) => n.includes(texts[1]) })).toBeNull();
    // The item that took its place has focus (keyboard users keep their place).
    await waitFor(() => expect(document.activeElement).toBe(article(texts[2])));
    expect(await delta).toEqual({ dialogueId, upserts: [], removed: [ids[1]] });
    // It is published now, in the other column (from the sequenced qa:event).
    await screen.findByRole("heading", { name: "Publicerade (1)" });
    expect(await db.selectFrom("questions").select("status").where("id", "=", ids[1]).executeTakeFirstOrThrow()).toEqual({ status: "approved" });
    expect(tab.posts).toEqual([]);
    expect(tab.loads.length).toBe(loadsBefore);
  });

  it("the last item approved: focus goes to the queue heading", async () => {
    const user = userEvent.setup();
    const { dialogueId, ids } = await dialogueWith(["Den enda frågan om torget"]);
    await openModeration(dialogueId);
    await user.click(screen.getByRole("button", { name: `Godkänn #${ids[0]}` }));
    await screen.findByRole("heading", { name: "Att granska (0)" });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Att granska (0)" })));
  });

  it("focusing an item claims it; a colleague's claim shows live and their item refuses my approval precisely", async () => {
    const user = userEvent.setup();
    const texts = ["Fråga som jag tar", "Fråga som kollegan tar"];
    const { dialogueId, ids } = await dialogueWith(texts);
    const { tab } = await openModeration(dialogueId);

    const claimed = nextEvent<QaClaimed>(colleagueSocket, "qa:claimed", { where: (c) => c.questionId === ids[0] });
    article(texts[0]).focus();
    expect(await claimed).toMatchObject({ questionId: ids[0], byId: me.id, by: "Maja Moderator" });

    expect((await call(colleagueSocket, "qa:claim", { dialogueId, questionId: ids[1] })).ok).toBe(true);
    await within(article(texts[1])).findByText("Hanteras av Kim Kollega");
    await user.click(within(article(texts[1])).getByRole("button", { name: `Godkänn #${ids[1]}` }));
    const refusal = await within(article(texts[1])).findByRole("alert");
    expect(refusal.textContent).toBe("En annan moderator hanterar frågan just nu.");
    expect(screen.getByRole("heading", { name: "Att granska (2)" })).toBeTruthy();
    expect(tab.posts).toEqual([]);
  });

  it("answer in writing with a past due date: the precise message next to the form, and the question stays", async () => {
    const user = userEvent.setup();
    const text = "Kan ni svara skriftligt om snöröjningen?";
    const { dialogueId, ids } = await dialogueWith([text]);
    const approved = await moderate(db, me, { action: "approve", dialogueId, questionId: ids[0] }, null);
    expect(approved.ok).toBe(true);
    const { tab, loadsBefore } = await openModeration(dialogueId);

    const item = screen.getByRole("article", { name: (n) => n.includes(text) });
    const due = within(item).getByLabelText("Svara senast");
    await user.clear(due);
    await user.type(due, "2020-01-01");
    await user.click(within(item).getByRole("button", { name: "Besvara skriftligt" }));
    const refusal = await within(item).findByRole("alert");
    expect(refusal.textContent).toBe("Datumet för det skriftliga svaret har redan passerat. Välj dagens datum eller ett senare.");
    // Next to the form it belongs to.
    expect(refusal.closest("form")).toBe(due.closest("form"));
    expect(await db.selectFrom("questions").select("status").where("id", "=", ids[0]).executeTakeFirstOrThrow()).toEqual({ status: "approved" });
    expect(tab.posts).toEqual([]);
    expect(tab.loads.length).toBe(loadsBefore);
  });
});
