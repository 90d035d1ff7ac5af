/** A signed-out moderator's open socket stops receiving the staff room at once. */
import crypto from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { publisherFor } from "~/realtime/server.server";
import { action as signOutAction } from "~/routes/personal.logga-ut";
import { formRequest, staffCookie, testContext } from "../../helpers/context";
import { createTestDb } from "../../helpers/db";
import { makeStaff } from "../../helpers/factories";
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

it("signing out disconnects that session's sockets, and only those", async () => {
  const dialogueId = (await makeQaDialogue(db, "ongoing")).id;
  const staff = await makeStaff(db, { role: "moderator", email: "signout@example.org" });
  const tab = await staffCookie(db, staff.id);
  const otherDevice = await staffCookie(db, staff.id);
  const socket = await rt.connect({ cookie: tab.cookie });
  const other = await rt.connect({ cookie: otherDevice.cookie });
  for (const s of [socket, other]) expect(await call(s, "qa:join", { dialogueId })).toMatchObject({ ok: true, data: { moderator: true } });
  const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));

  const res = (await signOutAction({
    request: formRequest("/personal/logga-ut", { _csrf: tab.csrfToken }, { Cookie: tab.cookie }),
    params: {},
    context: testContext(db, { participantId: crypto.randomUUID(), publisher: publisherFor(rt.io) }),
  })) as Response;
  expect(res.status).toBe(302);
  expect(await closed).toBe("io server disconnect");
  expect(other.connected).toBe(true);
});

it("an admin disabling an account disconnects that person's sockets at once", async () => {
  const { action: accountsAction } = await import("~/routes/personal.konton");
  const dialogueId = (await makeQaDialogue(db, "ongoing")).id;
  const admin = await makeStaff(db, { role: "admin", email: "disable-admin@example.org" });
  const target = await makeStaff(db, { role: "moderator", email: "disabled-mod@example.org" });
  const adminAuth = await staffCookie(db, admin.id);
  const socket = await rt.connect({ cookie: (await staffCookie(db, target.id)).cookie });
  expect(await call(socket, "qa:join", { dialogueId })).toMatchObject({ ok: true, data: { moderator: true } });
  const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
  const res = (await accountsAction({
    request: formRequest("/personal/konton", { _csrf: adminAuth.csrfToken, intent: "disable", staffId: String(target.id) }, { Cookie: adminAuth.cookie }),
    params: {},
    context: testContext(db, { participantId: crypto.randomUUID(), publisher: publisherFor(rt.io) }),
  })) as Response;
  expect(res.status).toBe(200);
  expect(await closed).toBe("io server disconnect");
});
