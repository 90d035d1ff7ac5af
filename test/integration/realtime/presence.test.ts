/** Remote-attendee presence with a real socket.io server and real clients. */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import type { PresenceCount } from "~/realtime/presence.events";
import { createTestDb } from "../../helpers/db";
import { makeDistrict } from "../../helpers/factories";
import { call, nextEvent, recordEvents, startRealtime, type Client } from "../../helpers/realtime";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;
let liveId: number;
let draftId: number;

async function dialogue(status: "ongoing" | "draft") {
  const d = await makeDistrict(db);
  const now = new Date();
  const row = await db
    .insertInto("dialogues")
    .values({
      district_id: d.id,
      title: "Live",
      status,
      starts_at: new Date(now.getTime() - 600_000).toISOString(),
      ends_at: new Date(now.getTime() + 3600_000).toISOString(),
      format: "digital",
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  db = await createTestDb();
  liveId = await dialogue("ongoing");
  draftId = await dialogue("draft");
  rt = await startRealtime(db);
});

afterAll(async () => {
  await rt.close();
  await db.destroy();
});

/** A device: the participant cookie, or none at all. */
const connect = (participantId: string | null) => rt.connect(participantId ? { cookie: `tryggve_pid=${participantId}` } : {});
const join = (socket: Client, dialogueId: unknown) => call<PresenceCount>(socket, "presence:join", { dialogueId });
const nextCount = (socket: Client, remote: number) => nextEvent<PresenceCount>(socket, "presence:count", { where: (p) => p.remote === remote });

describe("presence", () => {
  it("counts unique participants, not tabs, and updates everyone as they come and go", async () => {
    const alice = crypto.randomUUID();
    const bob = crypto.randomUUID();
    const watcher = await connect(crypto.randomUUID());
    expect(await join(watcher, liveId)).toEqual({ ok: true, data: { dialogueId: liveId, remote: 1 } });

    const aliceTab1 = await connect(alice);
    const seenTwo = nextCount(watcher, 2);
    expect(await join(aliceTab1, liveId)).toMatchObject({ ok: true, data: { remote: 2 } });
    await seenTwo;

    // A second tab of the same device does not count again.
    const aliceTab2 = await connect(alice);
    expect(await join(aliceTab2, liveId)).toMatchObject({ ok: true, data: { remote: 2 } });

    const bobTab = await connect(bob);
    const seenThree = nextCount(watcher, 3);
    await join(bobTab, liveId);
    await seenThree;

    // Closing one of Alice's tabs keeps her present; closing the last one does not.
    const counts = recordEvents<PresenceCount>(watcher, "presence:count");
    const tab1 = aliceTab1.id;
    aliceTab1.close();
    // The server has handled the disconnect once the socket is gone from it.
    await expect.poll(() => rt.io.sockets.sockets.has(tab1 ?? "")).toBe(false);
    // Barrier: a new device joining is counted on top of a still-present Alice (4, not 3).
    const carolTab = await connect(crypto.randomUUID());
    const seenFour = nextCount(watcher, 4);
    expect(await join(carolTab, liveId)).toMatchObject({ ok: true, data: { remote: 4 } });
    await seenFour;
    expect(counts.map((c) => c.remote)).not.toContain(2);
    const seenThreeAgain = nextCount(watcher, 3);
    aliceTab2.close();
    await seenThreeAgain;

    const left = nextCount(watcher, 2);
    bobTab.emit("presence:leave", { dialogueId: liveId });
    await left;

    const stats = await db.selectFrom("dialogues").select("remote_peak").where("id", "=", liveId).executeTakeFirstOrThrow();
    expect(stats.remote_peak).toBe(4);
    const unique = await db
      .selectFrom("dialogue_remote_attendees")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("dialogue_id", "=", liveId)
      .executeTakeFirstOrThrow();
    expect(Number(unique.n)).toBe(4);
  });

  it("validates payloads and refuses drafts and unknown dialogues", async () => {
    const s = await connect(crypto.randomUUID());
    expect(await join(s, "1; drop table")).toEqual({ ok: false, error: "invalid_payload" });
    expect(await join(s, -4)).toEqual({ ok: false, error: "invalid_payload" });
    expect(await join(s, draftId)).toEqual({ ok: false, error: "not_found" });
    expect(await join(s, 999_999)).toEqual({ ok: false, error: "not_found" });
  });
});
