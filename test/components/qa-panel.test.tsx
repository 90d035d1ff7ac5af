// @vitest-environment jsdom
/**
 * The resident's Q&A panel on the join page (`/dialoger/:id/delta`), rendered from the real
 * route module and driving the real reducer (live-state.ts) with a real socket.io server.
 * With the socket up, asking and voting go over the socket: no form post, no loader re-run.
 */
import crypto from "node:crypto";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { moderate, submitQuestion } from "~/domain/questions/qa.server";
import { publisherFor } from "~/realtime/server.server";
import { participantRoom, type QaQueueUpdate } from "~/realtime/qa.events";
import * as joinRoute from "~/routes/dialoger.$id.delta";
import * as qaRoute from "~/routes/dialoger.$id_.fragor";
import { staffCookie, testContext } from "../helpers/context";
import { createTestDb } from "../helpers/db";
import { makeStaff } from "../helpers/factories";
import { makeQaDialogue } from "../helpers/qa";
import { call, nextEvent, startRealtime, type Client } from "../helpers/realtime";
import { openTab, type Tab } from "./harness";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;
let dialogueId: number;
let moderator: { id: number; email: string; name: string };
let modSocket: Client;

beforeAll(async () => {
  db = await createTestDb();
  rt = await startRealtime(db);
  dialogueId = (await makeQaDialogue(db, "ongoing")).id;
  moderator = await makeStaff(db, { role: "moderator", name: "Mona Moderator" });
  modSocket = await rt.connect({ cookie: (await staffCookie(db, moderator.id)).cookie });
  const joined = await call(modSocket, "qa:join", { dialogueId, lastSeq: null });
  if (!joined.ok) throw new Error("moderator could not join");
});
afterEach(() => cleanup());
afterAll(async () => {
  await rt.close();
  await db.destroy();
});

const routes = [
  { id: "routes/dialoger.$id.delta", path: "dialoger/:id/delta", ...pick(joinRoute) },
  { id: "routes/dialoger.$id_.fragor", path: "dialoger/:id/fragor", ...pick(qaRoute) },
];
function pick(m: typeof joinRoute | typeof qaRoute) {
  return { loader: m.loader, action: "action" in m ? m.action : undefined, Component: m.default, shouldRevalidate: m.shouldRevalidate };
}

/** A resident's tab on the join page, once the page has rendered and the Q&A has joined over the socket. */
async function openJoinPage(participantId = crypto.randomUUID(), socket?: { autoConnect?: boolean }) {
  const tab = openTab({
    url: `/dialoger/${dialogueId}/delta`,
    serverUrl: rt.url,
    cookie: `tryggve_pid=${participantId}`,
    context: testContext(db, { participantId, publisher: publisherFor(rt.io) }),
    routes,
    socket,
  });
  await screen.findByRole("heading", { level: 1 });
  if (socket?.autoConnect !== false) {
    // "Uppdateras direkt" shows once the shared socket is connected; the presence count once presence has joined.
    await screen.findByText("Uppdateras direkt");
    await waitFor(() => expect(screen.getByTestId("remote-count").dataset.count).not.toBe(""));
  }
  return { tab, participantId, loadsBefore: tab.loads.length };
}

const myQuestions = () => within(document.querySelector<HTMLElement>(".my-questions")!);

function expectNoReload(tab: Tab, loadsBefore: number) {
  expect(tab.posts).toEqual([]);
  expect(tab.loads.length).toBe(loadsBefore);
}

/** A published question asked by someone else (before the page loads, so it is in the loader's snapshot). */
async function publishedQuestion(text: string) {
  const asked = await submitQuestion(db, { dialogueId, text, displayName: null, idempotencyKey: crypto.randomUUID(), participantId: crypto.randomUUID() });
  if (!asked.ok) throw new Error(asked.error);
  const approved = await moderate(db, moderator, { action: "approve", dialogueId, questionId: asked.questionId }, null);
  if (!approved.ok) throw new Error(approved.error);
  return asked.questionId;
}

describe("QaPanel on the join page", () => {
  it("holds one socket for presence and the Q&A together", async () => {
    const { tab, participantId } = await openJoinPage();
    // StrictMode mounts twice in development, so the provider may have made (and closed) one more; one is live.
    expect(tab.sockets.filter((s) => s.connected)).toHaveLength(1);
    expect(await rt.io.in(participantRoom(participantId)).fetchSockets()).toHaveLength(1);
  });

  it("asking sends over the socket and shows the confirmation and the question in my questions", async () => {
    const user = userEvent.setup();
    const { tab, participantId, loadsBefore } = await openJoinPage();
    const text = "Kan gångtunneln vid skolan få bättre belysning?";
    await user.type(screen.getByLabelText("Din fråga (högst 500 tecken)"), text);
    const queued = nextEvent<QaQueueUpdate>(modSocket, "qa:queue", { where: (u) => u.upserts.some((q) => q.text === text) });
    await user.click(screen.getByRole("button", { name: "Skicka frågan" }));

    const confirmation = await screen.findByText("Tack! Din fråga väntar på granskning.");
    expect(confirmation.getAttribute("role")).toBe("status");
    await waitFor(() => expect(document.activeElement).toBe(confirmation));
    expect(myQuestions().getByText(text)).toBeTruthy();
    expect(myQuestions().getByText("Väntar på granskning")).toBeTruthy();
    // The form is new (empty) and the question reached the moderators over the socket.
    await waitFor(() => expect((screen.getByLabelText("Din fråga (högst 500 tecken)") as HTMLTextAreaElement).value).toBe(""));
    expect((await queued).upserts[0]).toMatchObject({ text });
    const row = await db.selectFrom("questions").select(["participant_id", "status"]).where("text", "=", text).executeTakeFirstOrThrow();
    expect(row).toEqual({ participant_id: participantId, status: "waiting" });
    expectNoReload(tab, loadsBefore);
  });

  it("a refusal only the server can give comes back in the ack as its precise message, and the text stays for a retry", async () => {
    const user = userEvent.setup();
    const { tab, loadsBefore } = await openJoinPage();
    const field = () => screen.getByLabelText("Din fråga (högst 500 tecken)") as HTMLTextAreaElement;
    // Three questions a minute per participant (QA_LIMITS.perMinute): the fourth is refused.
    for (const n of [1, 2, 3]) {
      await user.type(field(), `Fråga nummer ${n} om parken`);
      await user.click(screen.getByRole("button", { name: "Skicka frågan" }));
      await waitFor(() => expect(myQuestions().getByText(`Fråga nummer ${n} om parken`)).toBeTruthy());
      // A new, empty form replaces the sent one (one render later).
      await waitFor(() => expect(field().value).toBe(""));
    }
    await user.type(field(), "Fråga nummer 4 om parken");
    await user.click(screen.getByRole("button", { name: "Skicka frågan" }));
    const alert = await screen.findByText("Du har skickat många frågor på kort tid. Vänta en stund.");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(field().value).toBe("Fråga nummer 4 om parken");
    expect(myQuestions().queryByText("Fråga nummer 4 om parken")).toBeNull();
    expectNoReload(tab, loadsBefore);
  });

  it("a validation error from the server shows next to the field (socket down: the form posts to the route action)", async () => {
    const user = userEvent.setup();
    const { tab } = await openJoinPage(crypto.randomUUID(), { autoConnect: false });
    // Blank after trimming: the browser does not check it without the socket, the action's schema does.
    await user.type(screen.getByLabelText("Din fråga (högst 500 tecken)"), "   ");
    await user.click(screen.getByRole("button", { name: "Skicka frågan" }));
    const error = await screen.findByText("Fältet måste fyllas i.");
    const textarea = screen.getByLabelText("Din fråga (högst 500 tecken)");
    expect(error.id).toBe("qa-text-error");
    expect(textarea.getAttribute("aria-describedby")).toBe("qa-text-error");
    expect(textarea.getAttribute("aria-invalid")).toBe("true");
    await waitFor(() => expect(document.activeElement).toBe(textarea));
    expect(tab.posts).toEqual([
      expect.objectContaining({ route: "routes/dialoger.$id_.fragor", form: expect.objectContaining({ intent: "ask", text: "   " }) }),
    ]);
  });

  it("voting is optimistic and reverts when the server refuses", async () => {
    const text = "Kan fler papperskorgar sättas upp vid lekplatsen?";
    const questionId = await publishedQuestion(text);
    const { tab, participantId, loadsBefore } = await openJoinPage();
    const item = () => screen.getByText(text, { selector: ".question .user-text" }).closest("li")!;
    const button = () => within(item()).getByRole("button", { name: (name) => name.endsWith(`: ${text}`) });
    const votesInDb = () =>
      db
        .selectFrom("question_votes")
        .select("participant_id")
        .where("question_id", "=", questionId)
        .execute()
        .then((r) => r.map((v) => v.participant_id));

    // Vote: the count and the pressed state change before any answer can have arrived (one synchronous click).
    fireEvent.click(button());
    expect(within(item()).getByText("1 röst")).toBeTruthy();
    expect(button().getAttribute("aria-pressed")).toBe("true");
    await expect.poll(votesInDb).toEqual([participantId]);
    await waitFor(() => expect(button().textContent).toContain("Ta bort röst"));

    // Unvote, the same way.
    fireEvent.click(button());
    expect(within(item()).getByText("0 röster")).toBeTruthy();
    expect(button().getAttribute("aria-pressed")).toBe("false");
    await expect.poll(votesInDb).toEqual([]);

    // The question leaves the public list on the server while its event is still on the way: the vote is refused.
    await db.updateTable("questions").set({ status: "rejected", reject_rule: "off_topic" }).where("id", "=", questionId).execute();
    fireEvent.click(button());
    expect(within(item()).getByText("1 röst")).toBeTruthy();
    const refusal = await within(item()).findByRole("alert");
    expect(refusal.textContent).toBe("Frågan finns inte i den här dialogen.");
    expect(within(item()).getByText("0 röster")).toBeTruthy();
    expect(button().getAttribute("aria-pressed")).toBe("false");
    expect(await votesInDb()).toEqual([]);
    expectNoReload(tab, loadsBefore);
  });

  it("a rejection reaches only the asker's device (qa:private) and updates my questions without a reload", async () => {
    const participantId = crypto.randomUUID();
    const text = "Köp billiga solglasögon på vår sajt";
    const asked = await submitQuestion(db, { dialogueId, text, displayName: null, idempotencyKey: crypto.randomUUID(), participantId });
    if (!asked.ok) throw new Error(asked.error);
    const { tab, loadsBefore } = await openJoinPage(participantId);
    expect(myQuestions().getByText("Väntar på granskning")).toBeTruthy();

    const rejected = await call(modSocket, "qa:moderate", { action: "reject", dialogueId, questionId: asked.questionId, rule: "advertising_campaigning" });
    expect(rejected.ok).toBe(true);
    await myQuestions().findByText("Avvisad: Reklam eller partipolitisk kampanj");
    // The public counts follow over the socket too (qa:counts).
    await screen.findByRole("row", { name: /Reklam eller partipolitisk kampanj/ });
    expectNoReload(tab, loadsBefore);
  });
});
