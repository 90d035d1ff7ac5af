// Issue 10, "Trust": a staff member could not end their sessions on other devices, an admin could
// not end someone else's, and a password change left the other sessions' sockets in the staff
// rooms. docs/security.md, "Sign out everywhere". Through the real server (form posts with CSRF
// and Origin, socket.io on the same port) on real SQLite.
import crypto from "node:crypto";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromSite, request, startApp, type App } from "../../helpers/app";
import { staffCookie } from "../../helpers/context";
import { makeStaff, TEST_PASSWORD } from "../../helpers/factories";
import { makeQaDialogue } from "../../helpers/qa";
import { call, nextEvent, recordEvents, type Client } from "../../helpers/realtime";

type Auth = { cookie: string; csrfToken: string };

let app: App;
let dialogueId: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await startApp();
  dialogueId = (await makeQaDialogue(app.db, "ongoing")).id;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await app.close();
});

const auth = (staff: { id: number }) => staffCookie(app.db, staff.id, app.config);

const get = (path: string, who: Auth) => request(app.base, path, { headers: { cookie: who.cookie } });

function post(path: string, who: Auth, fields: Record<string, string>, opts: { csrf?: boolean } = {}) {
  return request(app.base, path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...fromSite(app.config), cookie: who.cookie },
    body: new URLSearchParams({ ...(opts.csrf === false ? {} : { _csrf: who.csrfToken }), ...fields }).toString(),
  });
}

/** Still signed in: /personal answers 200; ended: the sign-in redirect. */
async function signedIn(who: Auth): Promise<boolean | string> {
  const res = await get("/personal", who);
  if (res.status === 200) return true;
  return res.headers.get("location") ?? String(res.status);
}
const SIGN_IN = /^\/personal\/logga-in\?/;

async function connect(cookie: string): Promise<Client> {
  const socket: Client = ioClient(app.base, {
    transports: ["websocket"],
    extraHeaders: { origin: app.config.PUBLIC_URL, cookie },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Resolves with the reason the server gave when it disconnects `socket`; rejects if it does not within 3 s. */
function disconnected(socket: Client): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the socket was not disconnected within 3000 ms")), 3000);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** A moderator's socket in the dialogue's staff room. */
async function staffSocket(who: Auth): Promise<Client> {
  const socket = await connect(who.cookie);
  expect(await call(socket, "qa:join", { dialogueId })).toMatchObject({ ok: true, data: { moderator: true } });
  return socket;
}

/**
 * After `socket` was disconnected: a resident asks, which the staff room hears as a qa:queue
 * delta. A colleague's socket in the same room gets it (the ordering barrier); `socket` must
 * have received nothing.
 */
async function expectStaffRoomSilent(socket: Client, seen: unknown[]) {
  const colleague = await staffSocket(await auth(await makeStaff(app.db, { role: "moderator" })));
  const resident = await connect(`tryggve_pid=${crypto.randomUUID()}`);
  const delta = nextEvent(colleague, "qa:queue");
  const asked = await call(resident, "qa:ask", {
    dialogueId,
    text: "Kan vi få bättre belysning i parken?",
    displayName: null,
    idempotencyKey: crypto.randomUUID(),
  });
  expect(asked).toMatchObject({ ok: true });
  await delta;
  expect(socket.connected).toBe(false);
  expect(seen).toEqual([]);
}

describe("a staff member signs out everywhere", () => {
  it("from /personal: the other session gets the sign-in redirect, this one too, audited", async () => {
    const staff = await makeStaff(app.db, { role: "moderator" });
    const here = await auth(staff);
    const elsewhere = await auth(staff);

    // The button is on the staff home, with this session's CSRF token.
    const home = await (await get("/personal", here)).text();
    expect(home).toContain('action="/personal/logga-ut"');
    expect(home).toContain('value="everywhere"');
    expect(home).toContain(`value="${here.csrfToken}"`);
    expect(home).toContain("Logga ut överallt");

    // Without the CSRF token nothing ends.
    expect((await post("/personal/logga-ut", here, { intent: "everywhere" }, { csrf: false })).status).toBe(403);
    expect([await signedIn(here), await signedIn(elsewhere)]).toEqual([true, true]);

    const res = await post("/personal/logga-ut", here, { intent: "everywhere" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/personal/logga-in?reason=signedOut");
    expect(res.headers.getSetCookie().some((c) => /^tryggve_staff=.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(c))).toBe(true);
    expect(await signedIn(elsewhere)).toMatch(SIGN_IN);
    expect(await signedIn(here)).toMatch(SIGN_IN);
    expect(await app.db.selectFrom("staff_sessions").select("id_hash").where("staff_id", "=", staff.id).execute()).toEqual([]);
    const audit = await app.db
      .selectFrom("audit_log")
      .select(["actor_staff_id", "target_id", "details"])
      .where("action", "=", "auth.sign_out_everywhere")
      .execute();
    expect(audit).toEqual([{ actor_staff_id: staff.id, target_id: String(staff.id), details: JSON.stringify({ ended: 2 }) }]);
  });

  it("disconnects that person's sockets in the staff room at once; they receive nothing after", async () => {
    const staff = await makeStaff(app.db, { role: "moderator" });
    const here = await auth(staff);
    const otherDevice = await staffSocket(await auth(staff));
    const seen = recordEvents(otherDevice, "qa:queue");
    const closed = disconnected(otherDevice);
    expect((await post("/personal/logga-ut", here, { intent: "everywhere" })).status).toBe(302);
    expect(await closed).toBe("io server disconnect");
    await expectStaffRoomSilent(otherDevice, seen);
  });
});

describe("an admin ends another account's sessions on /personal/konton", () => {
  it("every session of that account ends, the admin's stays, audited with actor and target", async () => {
    const boss = await makeStaff(app.db, { role: "admin" });
    const admin = await auth(boss);
    const target = await makeStaff(app.db, { role: "moderator", name: "Tove Tappad-Telefon" });
    const laptop = await auth(target);
    const phone = await auth(target);

    const page = await (await get("/personal/konton", admin)).text();
    expect(page).toContain('value="endSessions"');

    // Only admins may.
    const moderator = await auth(await makeStaff(app.db, { role: "moderator" }));
    expect((await post("/personal/konton", moderator, { intent: "endSessions", staffId: String(target.id) })).status).toBe(403);
    expect([await signedIn(laptop), await signedIn(phone)]).toEqual([true, true]);

    const res = await post("/personal/konton?_data=routes%2Fpersonal.konton", admin, { intent: "endSessions", staffId: String(target.id) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, intent: "endSessions", ended: { name: "Tove Tappad-Telefon", count: 2 } });
    expect(await signedIn(laptop)).toMatch(SIGN_IN);
    expect(await signedIn(phone)).toMatch(SIGN_IN);
    expect(await signedIn(admin)).toBe(true);
    const audit = await app.db
      .selectFrom("audit_log")
      .select(["actor_staff_id", "target_id", "details"])
      .where("action", "=", "staff.sessions_ended")
      .execute();
    expect(audit).toContainEqual({
      actor_staff_id: boss.id,
      target_id: String(target.id),
      details: JSON.stringify({ email: target.email, ended: 2 }),
    });
  });

  it("disconnects that person's staff sockets at once", async () => {
    const admin = await auth(await makeStaff(app.db, { role: "admin" }));
    const target = await makeStaff(app.db, { role: "moderator" });
    const socket = await staffSocket(await auth(target));
    const seen = recordEvents(socket, "qa:queue");
    const closed = disconnected(socket);
    const res = await post("/personal/konton?_data=routes%2Fpersonal.konton", admin, { intent: "endSessions", staffId: String(target.id) });
    expect(res.status).toBe(200);
    expect(await closed).toBe("io server disconnect");
    await expectStaffRoomSilent(socket, seen);
  });
});

describe("a password change ends the other sessions and their sockets, and keeps this one", () => {
  it("the other device is signed out and disconnected; this tab stays signed in and connected", async () => {
    const staff = await makeStaff(app.db, { role: "moderator" });
    const here = await auth(staff);
    const elsewhere = await auth(staff);
    const mine = await staffSocket(here);
    const theirs = await staffSocket(elsewhere);
    const closed = disconnected(theirs);
    const res = await post("/personal/losenord?_data=routes%2Fpersonal.losenord", here, {
      currentPassword: TEST_PASSWORD,
      newPassword: "kanelbulle trappa solsken",
      confirmPassword: "kanelbulle trappa solsken",
    });
    expect(res.status).toBe(200);
    expect(await closed).toBe("io server disconnect");
    expect(await signedIn(elsewhere)).toMatch(SIGN_IN);
    expect(await signedIn(here)).toBe(true);
    // This tab's socket is still in the staff room: it hears the next ask.
    const delta = nextEvent(mine, "qa:queue");
    const resident = await connect(`tryggve_pid=${crypto.randomUUID()}`);
    expect(
      await call(resident, "qa:ask", { dialogueId, text: "Kan parkeringen få fler lampor?", displayName: null, idempotencyKey: crypto.randomUUID() }),
    ).toMatchObject({
      ok: true,
    });
    await delta;
    expect(mine.connected).toBe(true);
  });
});
