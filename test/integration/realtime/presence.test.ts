/** Remote-attendee presence with a real socket.io server and real clients. */
import http from "node:http";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { attachRealtime } from "~/realtime/server.server";
import type { ClientToServerEvents, ServerToClientEvents } from "~/realtime/events";
import type { PresenceCount } from "~/realtime/presence.events";
import type { TryggveServer } from "~/realtime/publisher.server";
import { createTestDb } from "../../helpers/db";
import { makeDistrict } from "../../helpers/factories";
import { testConfig } from "../../helpers/context";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
let db: DB;
let server: http.Server;
let io: TryggveServer;
let url: string;
let liveId: number;
let draftId: number;
const clients: Client[] = [];

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
  server = http.createServer();
  io = attachRealtime(server, { db, config: testConfig(), logger: pino({ level: "silent" }) });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const c of clients) c.close();
  await new Promise<void>((r) => io.close(() => r()));
  await db.destroy();
});

async function connect(participantId: string | null): Promise<Client> {
  const socket: Client = ioClient(url, {
    transports: ["websocket"],
    extraHeaders: participantId ? { cookie: `tryggve_pid=${participantId}` } : {},
    reconnection: false,
    forceNew: true,
  });
  clients.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

function join(socket: Client, dialogueId: unknown) {
  return new Promise<Parameters<Parameters<ClientToServerEvents["presence:join"]>[1]>[0]>((resolve) =>
    socket.emit("presence:join", { dialogueId } as { dialogueId: number }, resolve),
  );
}

function nextCount(socket: Client, expected: number) {
  return new Promise<PresenceCount>((resolve) => {
    const handler = (p: PresenceCount) => {
      if (p.remote === expected) {
        socket.off("presence:count", handler);
        resolve(p);
      }
    };
    socket.on("presence:count", handler);
  });
}

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
    aliceTab1.close();
    await new Promise((r) => setTimeout(r, 150));
    const seenTwoAgain = nextCount(watcher, 2);
    aliceTab2.close();
    expect((await seenTwoAgain).remote).toBe(2);

    const left = nextCount(watcher, 1);
    bobTab.emit("presence:leave", { dialogueId: liveId });
    await left;

    const stats = await db.selectFrom("dialogues").select("remote_peak").where("id", "=", liveId).executeTakeFirstOrThrow();
    expect(stats.remote_peak).toBe(3);
    const unique = await db
      .selectFrom("dialogue_remote_attendees")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("dialogue_id", "=", liveId)
      .executeTakeFirstOrThrow();
    expect(Number(unique.n)).toBe(3);
  });

  it("validates payloads and refuses drafts and unknown dialogues", async () => {
    const s = await connect(crypto.randomUUID());
    expect(await join(s, "1; drop table")).toEqual({ ok: false, error: "invalid_payload" });
    expect(await join(s, -4)).toEqual({ ok: false, error: "invalid_payload" });
    expect(await join(s, draftId)).toEqual({ ok: false, error: "not_found" });
    expect(await join(s, 999_999)).toEqual({ ok: false, error: "not_found" });
  });
});
