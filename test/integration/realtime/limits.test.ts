/**
 * What docs/realtime.md promises about limits and handshakes, checked against a real
 * socket.io server on port 0.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { SOCKET_LIMIT } from "~/realtime/qa-handlers.server";
import { createTestDb } from "../../helpers/db";
import { makeQaDialogue } from "../../helpers/qa";
import { call, startRealtime, whoami, type Client } from "../../helpers/realtime";

let db: DB;
let rt: Awaited<ReturnType<typeof startRealtime>>;
let dialogueId: number;

beforeAll(async () => {
  db = await createTestDb();
  rt = await startRealtime(db);
  dialogueId = (await makeQaDialogue(db, "ongoing")).id;
});
afterAll(async () => {
  await rt.close();
  await db.destroy();
});

describe("socket limits", () => {
  it("a frame over 64 KB closes the connection (it is not silently dropped)", async () => {
    const socket = await rt.resident();
    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    socket.emit("qa:ask", { dialogueId, text: "x".repeat(70_000), displayName: null, idempotencyKey: crypto.randomUUID() }, () => {});
    expect(await closed).toBe("transport close");
  });

  it("the flood limit is per socket: a second tab of the same device is not limited by the first", async () => {
    const pid = crypto.randomUUID();
    const first = await rt.resident(pid);
    const second = await rt.resident(pid);
    const results = [];
    for (let i = 0; i <= SOCKET_LIMIT.events; i++) results.push(await call(first, "qa:join", { dialogueId }));
    expect(results.slice(0, SOCKET_LIMIT.events).every((r) => r.ok)).toBe(true);
    expect(results[SOCKET_LIMIT.events]).toMatchObject({ ok: false, error: "rate_limited" });
    expect(await call(second, "qa:join", { dialogueId })).toMatchObject({ ok: true });
  });

  it("the question limit is per participant: a new socket of the same device is still limited", async () => {
    const pid = crypto.randomUUID();
    const ask = (s: Client) => call(s, "qa:ask", { dialogueId, text: `Fråga ${crypto.randomUUID()}`, displayName: null, idempotencyKey: crypto.randomUUID() });
    const first = await rt.resident(pid);
    for (let i = 0; i < 3; i++) expect(await ask(first)).toMatchObject({ ok: true });
    const again = await rt.resident(pid);
    expect(await ask(again)).toMatchObject({ ok: false, error: "rate_limited", reason: "rate_limited" });
  });

  it("a handshake without an Origin header is accepted as anonymous (non-browser clients; browsers always send one)", async () => {
    const socket = await rt.connect({}, { origin: false });
    expect(await whoami(socket)).toEqual({ staff: null, participant: false });
    // Without the device cookie it may read but not ask.
    expect(await call(socket, "qa:ask", { dialogueId, text: "Hej", displayName: null, idempotencyKey: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: "forbidden",
      key: "qa.errors.noParticipant",
    });
    socket.close();
  });

  it("refused staff events are audited once per socket and counted, not written one row each", async () => {
    const socket = await rt.resident();
    for (let i = 0; i < 30; i++) {
      expect(await call(socket, "qa:moderate", { action: "approve", dialogueId, questionId: 1 })).toMatchObject({ ok: false, error: "forbidden" });
    }
    const rows = () =>
      db.selectFrom("audit_log").select("details").where("action", "=", "qa.refused").where("target_id", "=", String(dialogueId)).orderBy("id").execute();
    expect(await rows()).toHaveLength(1);
    socket.close();
    await expect.poll(async () => (await rows()).length).toBe(2);
    expect(JSON.parse((await rows())[1]!.details ?? "{}")).toMatchObject({ event: "qa:moderate", repeated: 29 });
  });
});
