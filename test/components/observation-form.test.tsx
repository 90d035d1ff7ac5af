// @vitest-environment jsdom
/**
 * The walk map's observation form (`/vandringar/:id/karta`), rendered from the real route
 * module with a real socket.io server and the device's outbox on fake-indexeddb. With the
 * socket up a place goes over `walk:observe`; offline it waits on the device and is sent
 * once the socket connects; refusals show next to the field they are about.
 */
import "fake-indexeddb/auto";
import crypto from "node:crypto";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { queueList } from "~/realtime/offline-queue";
import { publisherFor } from "~/realtime/server.server";
import * as mapRoute from "~/routes/vandringar.$id.karta";
import { testContext } from "../helpers/context";
import { createTestDb } from "../helpers/db";
import { call, nextEvent, startRealtime } from "../helpers/realtime";
import { makeWalk } from "../helpers/walks";
import { openTab } from "./harness";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;
let walkId: number;

beforeAll(async () => {
  db = await createTestDb();
  rt = await startRealtime(db);
  walkId = (await makeWalk(db, "ongoing")).id;
});
beforeEach(() => position({ latitude: 59.3001, longitude: 18.0002, accuracy: 12 }));
afterEach(() => cleanup());
afterAll(async () => {
  await rt.close();
  await db.destroy();
});

/** The device's position, as "Använd min position" reads it (jsdom has no geolocation). */
function position(coords: { latitude: number; longitude: number; accuracy: number }) {
  Object.defineProperty(navigator, "geolocation", {
    configurable: true,
    value: { getCurrentPosition: (ok: (p: { coords: typeof coords }) => void) => ok({ coords }) },
  });
}

async function openMap(opts: { offline?: boolean } = {}) {
  const participantId = crypto.randomUUID();
  const tab = openTab({
    url: `/vandringar/${walkId}/karta`,
    serverUrl: rt.url,
    cookie: `tryggve_pid=${participantId}`,
    context: testContext(db, { participantId, publisher: publisherFor(rt.io) }),
    routes: [
      { id: "routes/vandringar.$id.karta", path: "vandringar/:id/karta", loader: mapRoute.loader, action: mapRoute.action, Component: mapRoute.default },
    ],
    socket: { autoConnect: !opts.offline },
  });
  await screen.findByRole("heading", { level: 1 });
  if (!opts.offline) await screen.findByText("Ansluten – nya platser visas direkt.");
  return { tab, participantId, loadsBefore: tab.loads.length };
}

const form = () => within(screen.getByRole("form", { name: "Lägg till en plats" }));
const rows = (participantId: string) => db.selectFrom("walk_observations").selectAll().where("participant_id", "=", participantId).execute();

async function fillIn(user: ReturnType<typeof userEvent.setup>, description: string) {
  await user.click(form().getByRole("button", { name: "Använd min position" }));
  await user.click(form().getByRole("checkbox", { name: "Belysning" }));
  await user.click(form().getByLabelText("1 – ganska otrygg/dålig"));
  await user.type(form().getByLabelText("Beskrivning"), description);
}

describe("ObservationForm on the walk map", () => {
  it("saves a place over the socket: the device's position, the notice, the place in my list and everyone's, an empty form", async () => {
    const user = userEvent.setup();
    const watcher = await rt.resident();
    expect((await call(watcher, "walk:join", { walkId })).ok).toBe(true);
    const { tab, participantId, loadsBefore } = await openMap();

    await user.click(form().getByRole("button", { name: "Använd min position" }));
    expect(form().getByText("Vald punkt: 59.300100, 18.000200")).toBeTruthy();
    expect(form().getByText("Position hämtad (ungefär ±12 m).")).toBeTruthy();
    await user.click(form().getByRole("checkbox", { name: "Belysning" }));
    // Lighting asks for the lamp post.
    await user.type(form().getByLabelText("Stolpnummer (belysning)"), "A-117");
    await user.click(form().getByLabelText("1 – ganska otrygg/dålig"));
    await user.type(form().getByLabelText("Beskrivning"), "Trasig lampa vid gångvägen");
    const arrived = nextEvent<{ id: number; lampPost: string | null }>(watcher, "walk:observation");
    await user.click(form().getByRole("button", { name: "Spara platsen" }));

    await screen.findByText("Platsen är sparad och syns för alla på vandringen.");
    const [row] = await rows(participantId);
    expect(row).toMatchObject({ lat: 59.3001, lng: 18.0002, lamp_post: "A-117", feeling: 1, status: "published" });
    expect(await arrived).toMatchObject({ id: row.id, lampPost: "A-117" });
    const mine = within(screen.getByRole("region", { name: "Dina platser på den här vandringen" }));
    expect(mine.getByText(new RegExp(`#${row.id} .*Belysning`))).toBeTruthy();
    // A new, empty form (and no point chosen), the outbox empty, no page post or reload.
    expect((form().getByLabelText("Beskrivning") as HTMLTextAreaElement).value).toBe("");
    expect(form().getByText("Ingen punkt vald ännu.")).toBeTruthy();
    expect(await queueList(walkId)).toEqual([]);
    expect(tab.posts).toEqual([]);
    expect(tab.loads.length).toBe(loadsBefore);
  });

  it("what the browser can check is shown next to each field and nothing is sent", async () => {
    const user = userEvent.setup();
    const { tab, participantId } = await openMap();
    await user.click(form().getByRole("button", { name: "Spara platsen" }));
    const summary = await screen.findByRole("alert");
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(form().getByText("Välj minst en kategori.", { selector: "#categories-error" })).toBeTruthy();
    expect(form().getByText("Ange hur trygg platsen känns (0–3).", { selector: "#feeling-error" })).toBeTruthy();
    expect(form().getByText("Markera platsen på kartan, använd din position eller välj en plats i listan.", { selector: "#address-error" })).toBeTruthy();
    expect(await rows(participantId)).toEqual([]);
    expect(await queueList(walkId)).toEqual([]);
    expect(tab.posts).toEqual([]);
  });

  // The summary's links must land somewhere: the category and feeling fieldsets, and the position line for lat.
  it("every link in the error summary leads to the field it is about", async () => {
    const user = userEvent.setup();
    await openMap();
    await user.click(form().getByRole("button", { name: "Spara platsen" }));
    const summary = await screen.findByRole("alert");
    for (const link of within(summary).getAllByRole("link")) {
      expect(document.getElementById(link.getAttribute("href")!.slice(1)), link.getAttribute("href")!).not.toBeNull();
    }
  });

  it("a refusal from the server (outside the district) shows next to the position and keeps what was typed", async () => {
    const user = userEvent.setup();
    position({ latitude: 59.5, longitude: 18.3, accuracy: 20 });
    const { tab, participantId } = await openMap();
    await fillIn(user, "Mörk passage vid bron");
    await user.click(form().getByRole("button", { name: "Spara platsen" }));

    expect(await form().findByText("Platsen ligger utanför stadsdelsområdet.", { selector: "#lat-error" })).toBeTruthy();
    expect((form().getByLabelText("Beskrivning") as HTMLTextAreaElement).value).toBe("Mörk passage vid bron");
    expect((form().getByRole("checkbox", { name: "Belysning" }) as HTMLInputElement).checked).toBe(true);
    expect(await rows(participantId)).toEqual([]);
    // Refused items do not stay in the outbox to be sent again.
    expect(await queueList(walkId)).toEqual([]);
    expect(tab.posts).toEqual([]);
  });

  it("offline, the place waits on the device and is sent once when the socket connects", async () => {
    const user = userEvent.setup();
    const { tab, participantId } = await openMap({ offline: true });
    expect(screen.getByText("Ingen anslutning – det du lägger till sparas på enheten.")).toBeTruthy();
    await fillIn(user, "Buskarna skymmer sikten");
    await user.click(form().getByRole("button", { name: "Spara platsen" }));
    await screen.findByText("Ingen anslutning: platsen är sparad på enheten och skickas automatiskt.");
    expect(screen.getByText(/^Ingen anslutning – det du lägger till sparas på enheten\./).textContent).toContain("1 plats väntar på att skickas.");
    expect((await queueList(walkId)).map((q) => q.payload.description)).toEqual(["Buskarna skymmer sikten"]);
    expect(await rows(participantId)).toEqual([]);

    tab.socket().connect();
    await screen.findByText("Ansluten – nya platser visas direkt.");
    await screen.findByRole("region", { name: "Dina platser på den här vandringen" });
    await waitFor(async () => expect(await queueList(walkId)).toEqual([]));
    expect((await rows(participantId)).map((r) => r.description)).toEqual(["Buskarna skymmer sikten"]);
    expect(screen.queryByText(/väntar på att skickas/)).toBeNull();
    expect(tab.posts).toEqual([]);
  });
});
