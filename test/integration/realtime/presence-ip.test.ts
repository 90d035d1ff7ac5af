/** One address cannot inflate a dialogue's remote count: at most MAX_COUNTED_PER_IP participants from it are counted. */
import crypto from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { MAX_COUNTED_PER_IP } from "~/realtime/presence.server";
import type { PresenceCount } from "~/realtime/presence.events";
import { socketIp } from "~/realtime/server.server";
import { createTestDb } from "../../helpers/db";
import { makeQaDialogue } from "../../helpers/qa";
import { call, startRealtime } from "../../helpers/realtime";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;
beforeAll(async () => {
  db = await createTestDb();
  rt = await startRealtime(db);
});
afterAll(async () => {
  await rt.close();
  await db.destroy();
});

it(`${MAX_COUNTED_PER_IP + 10} devices from one address count as ${MAX_COUNTED_PER_IP}; a counted one leaving makes room for the next`, async () => {
  const dialogueId = (await makeQaDialogue(db, "ongoing")).id;
  const sockets = [];
  let last: unknown;
  for (let i = 0; i < MAX_COUNTED_PER_IP + 10; i++) {
    const s = await rt.resident(crypto.randomUUID());
    sockets.push(s);
    last = await call<PresenceCount>(s, "presence:join", { dialogueId });
  }
  expect(last).toEqual({ ok: true, data: { dialogueId, remote: MAX_COUNTED_PER_IP } });
  const stored = await db
    .selectFrom("dialogue_remote_attendees")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("dialogue_id", "=", dialogueId)
    .executeTakeFirstOrThrow();
  expect(Number(stored.n)).toBe(MAX_COUNTED_PER_IP);

  const gone = sockets[0]!;
  await call(gone, "presence:leave", { dialogueId });
  const newcomer = await rt.resident(crypto.randomUUID());
  expect(await call(newcomer, "presence:join", { dialogueId })).toEqual({ ok: true, data: { dialogueId, remote: MAX_COUNTED_PER_IP } });
});

it("the address is the peer's, or X-Forwarded-For's last hop only behind a trusted proxy", () => {
  const handshake = { address: "10.0.0.1", headers: { "x-forwarded-for": "203.0.113.9, 198.51.100.7" } };
  expect(socketIp(handshake, false)).toBe("10.0.0.1");
  expect(socketIp(handshake, true)).toBe("198.51.100.7");
  expect(socketIp({ address: "10.0.0.1", headers: {} }, true)).toBe("10.0.0.1");
});
