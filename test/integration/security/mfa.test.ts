// Issue 10: MFA (TOTP) for every password account, required for admins and moderators.
// docs/security.md, "Multi-factor authentication". Through the real server (server/app.ts with
// the Remix build, form posts with Origin and CSRF, socket.io on the same port) on real SQLite,
// with MFA_REQUIRED_ROLES at its default (admin,moderator). Codes are computed with otpauth.
import { Secret, TOTP } from "otpauth";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mfaKey, openSecret } from "~/domain/staff/mfa-crypto.server";
import { recoveryCodeHash } from "~/domain/staff/mfa.server";
import { MFA_LIMITS } from "~/domain/staff/mfa-throttle.server";
import { normaliseRecoveryCode } from "~/domain/staff/mfa.schema";
import type { StaffRole } from "~/domain/staff/roles";
import { cookiePairs, fromSite, request, startApp, type App } from "../../helpers/app";
import { makeStaff, TEST_PASSWORD } from "../../helpers/factories";
import { makeQaDialogue } from "../../helpers/qa";
import { call, whoami, type Client } from "../../helpers/realtime";

let app: App;
const sockets: Socket[] = [];
beforeAll(async () => {
  app = await startApp({ env: { MFA_REQUIRED_ROLES: "admin,moderator" } });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await app.close();
});

const STEP_MS = 30_000;
const codeAt = (secret: string, ms: number) => TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: ms });
const sessionOf = (res: Response) => cookiePairs(res).find((c) => /^(__Host-)?tryggve_staff=./.test(c));

function get(path: string, cookie?: string) {
  return request(app.base, path, { headers: cookie ? { cookie } : {} });
}
function post(path: string, fields: Record<string, string>, cookie?: string) {
  return request(app.base, path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...fromSite(app.config), ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

async function passwordStep(email: string, redirectTo = "/personal/dialoger") {
  const res = await post("/personal/logga-in", { email, password: TEST_PASSWORD, redirectTo });
  expect(res.status).toBe(302);
  return { res, location: res.headers.get("location") ?? "", session: sessionOf(res)! };
}

const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
const secretIn = (html: string) => (/id="mfa-secret">([^<]+)</.exec(html)?.[1] ?? "").replace(/\s/g, "");
const recoveryCodesIn = (html: string) => [...html.matchAll(/<code>([0-9a-z]{4}(?:-[0-9a-z]{4}){5})<\/code>/g)].map((m) => m[1]!);
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'");

/** The account's last accepted time step, so the next code is always a later one. */
async function lastStep(staffId: number): Promise<number> {
  const row = await app.db.selectFrom("staff_mfa").select("last_used_step").where("staff_id", "=", staffId).executeTakeFirstOrThrow();
  return row.last_used_step!;
}
const nextCode = async (staffId: number, secret: string) => codeAt(secret, ((await lastStep(staffId)) + 1) * STEP_MS);

/** A wrong code: none of the codes around now. */
function wrongCode(secret: string, i = 0): string {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => codeAt(secret, Date.now() + d * STEP_MS)));
  for (let n = 100_000 + i; ; n += 7) if (!near.has(String(n))) return String(n);
}

/** Signs a new account in and turns MFA on through the settings page; returns the full session. */
async function enrolledAccount(role: StaffRole) {
  const staff = await makeStaff(app.db, { role });
  const first = await passwordStep(staff.email);
  const page = await get("/personal/tvastegsverifiering", first.session);
  expect(page.status).toBe(200);
  const html = await page.text();
  const secret = secretIn(html);
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const confirmed = await post(
    "/personal/tvastegsverifiering",
    { _csrf: csrfIn(html), intent: "confirm", code: codeAt(secret, Date.now()), redirectTo: "/personal/dialoger" },
    first.session,
  );
  expect(confirmed.status, confirmed.headers.get("location") ?? "").toBe(200);
  const shown = await confirmed.text();
  const recoveryCodes = recoveryCodesIn(shown);
  expect(recoveryCodes).toHaveLength(10);
  // "Jag har sparat koderna": on to where the sign-in was going, now signed in.
  const continued = await post("/personal/tvastegsverifiering", { _csrf: csrfIn(shown), intent: "continue", redirectTo: "/personal/dialoger" }, first.session);
  expect(continued.status).toBe(302);
  expect(continued.headers.get("location")).toBe("/personal/dialoger");
  return { staff, secret, recoveryCodes, session: sessionOf(continued) ?? first.session, firstSession: first.session, shown };
}

/** Password, then the code step with `code`; the code page's answer. */
async function codeStep(email: string, fields: Record<string, string>) {
  const step = await passwordStep(email);
  expect(step.location).toBe("/personal/logga-in/kod?redirectTo=%2Fpersonal%2Fdialoger");
  const page = await get(step.location, step.session);
  expect(page.status).toBe(200);
  const csrf = csrfIn(await page.text());
  const submit = (more: Record<string, string>) => post("/personal/logga-in/kod", { _csrf: csrf, redirectTo: "/personal/dialoger", ...more }, step.session);
  return { step, submit, res: await submit(fields) };
}

const audit = (staffId: number, action: string) =>
  app.db
    .selectFrom("audit_log")
    .select(["actor_staff_id", "target_id", "details"])
    .where("action", "=", action)
    .where("target_id", "=", String(staffId))
    .execute();

describe("a role that requires MFA, not yet set up", () => {
  it("is sent to set it up after the password, and can reach no staff page or action until then", async () => {
    const staff = await makeStaff(app.db, { role: "moderator" });
    const step = await passwordStep(staff.email);
    expect(step.location).toBe("/personal/tvastegsverifiering?redirectTo=%2Fpersonal%2Fdialoger");

    for (const path of ["/personal/dialoger", "/personal", "/personal/konton", "/personal/utkorg"]) {
      const res = await get(path, step.session);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toBe(`/personal/tvastegsverifiering?redirectTo=${encodeURIComponent(path)}`);
    }
    // A staff action with the session's own CSRF token: refused, nothing changed.
    const page = await get("/personal/tvastegsverifiering", step.session);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(text(html)).toContain("kräver tvåstegsverifiering");
    const before = await app.db.selectFrom("staff").select("password_hash").where("id", "=", staff.id).executeTakeFirstOrThrow();
    const change = await post(
      "/personal/losenord",
      {
        _csrf: csrfIn(html),
        currentPassword: TEST_PASSWORD,
        newPassword: "ett helt annat långt lösenord 42",
        confirmPassword: "ett helt annat långt lösenord 42",
      },
      step.session,
    );
    expect(change.status).toBe(302);
    expect(change.headers.get("location")).toMatch(/^\/personal\/tvastegsverifiering\?/);
    expect(await app.db.selectFrom("staff").select("password_hash").where("id", "=", staff.id).executeTakeFirstOrThrow()).toEqual(before);
    // The page's other forms need a full session too.
    const regenerate = await post("/personal/tvastegsverifiering", { _csrf: csrfIn(html), intent: "regenerate", code: "123456" }, step.session);
    expect(regenerate.status).toBe(403);
  });

  it("setting it up makes the session full under a new id, with ten recovery codes shown once", async () => {
    const { staff, session, firstSession, shown } = await enrolledAccount("moderator");
    expect(session).not.toBe(firstSession);
    expect(text(shown)).toContain("Spara dina återställningskoder");
    expect(text(shown)).toContain("Jag har sparat koderna");
    expect((await get("/personal/dialoger", session)).status).toBe(200);
    // The pending id is gone.
    const old = await get("/personal/dialoger", firstSession);
    expect(old.status).toBe(302);
    expect(old.headers.get("location")).toMatch(/^\/personal\/logga-in\?/);
    // Shown once: the page now shows the status, not the codes.
    const again = await (await get("/personal/tvastegsverifiering", session)).text();
    expect(recoveryCodesIn(again)).toEqual([]);
    expect(text(again)).toContain("Oanvända återställningskoder: 10 av 10.");
    expect(await audit(staff.id, "auth.mfa_enrolled")).toHaveLength(1);
  });

  it("the secret and the recovery codes are not stored in clear", async () => {
    const { staff, secret, recoveryCodes } = await enrolledAccount("moderator");
    const row = await app.db.selectFrom("staff_mfa").selectAll().where("staff_id", "=", staff.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(Buffer.from(Secret.fromBase32(secret).bytes).toString("hex"));
    expect(openSecret(mfaKey(app.config), staff.id, row.secret_enc)).toBe(secret);
    const stored = JSON.stringify(await app.db.selectFrom("staff_recovery_codes").selectAll().where("staff_id", "=", staff.id).execute());
    for (const c of recoveryCodes) {
      expect(stored).not.toContain(normaliseRecoveryCode(c));
      expect(stored).toContain(recoveryCodeHash(normaliseRecoveryCode(c)));
    }
  });
});

describe("the code step", () => {
  it("a wrong code and a used code are refused with a clear message; the next code signs in under a new session id", async () => {
    const { staff, secret } = await enrolledAccount("moderator");
    const { step, submit, res: wrong } = await codeStep(staff.email, { method: "totp", code: wrongCode(secret) });
    // Until the code is given, the session is nobody.
    const blocked = await get("/personal/dialoger", step.session);
    expect(blocked.headers.get("location")).toBe("/personal/logga-in/kod?redirectTo=%2Fpersonal%2Fdialoger");

    expect(wrong.status).toBe(401);
    expect(text(await wrong.text())).toContain("Koden stämmer inte.");
    // The code that confirmed the enrolment (the last accepted step) is refused as used.
    const replay = await submit({ method: "totp", code: codeAt(secret, (await lastStep(staff.id)) * STEP_MS) });
    expect(replay.status).toBe(401);
    expect(text(await replay.text())).toContain("Den koden har redan använts.");

    const ok = await submit({ method: "totp", code: await nextCode(staff.id, secret) });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/personal/dialoger");
    const full = sessionOf(ok)!;
    expect(full).not.toBe(step.session);
    expect((await get("/personal/dialoger", full)).status).toBe(200);
    expect((await get("/personal/dialoger", step.session)).headers.get("location")).toMatch(/^\/personal\/logga-in\?/);
    // The same code once more, on a new sign-in: used.
    const code = codeAt(secret, (await lastStep(staff.id)) * STEP_MS);
    const { res: twice } = await codeStep(staff.email, { method: "totp", code });
    expect(twice.status).toBe(401);
  });

  it("someone who turned MFA on without their role requiring it gives a code too", async () => {
    const walker = await makeStaff(app.db, { role: "walk_leader" });
    const first = await passwordStep(walker.email);
    expect(first.location).toBe("/personal/dialoger"); // no MFA yet, not required: signed in
    const page = await (await get("/personal/tvastegsverifiering", first.session)).text();
    const secret = secretIn(page);
    // From a signed-in session the password is asked again (a stolen session cannot add a phone).
    const fields = { _csrf: csrfIn(page), intent: "confirm", code: codeAt(secret, Date.now()) };
    expect((await post("/personal/tvastegsverifiering", fields, first.session)).status).toBe(400);
    expect((await post("/personal/tvastegsverifiering", { ...fields, currentPassword: "not the password" }, first.session)).status).toBe(400);
    const confirmed = await post("/personal/tvastegsverifiering", { ...fields, currentPassword: TEST_PASSWORD }, first.session);
    expect(confirmed.status).toBe(200);
    expect(recoveryCodesIn(await confirmed.text())).toHaveLength(10);
    const again = await passwordStep(walker.email);
    expect(again.location).toBe("/personal/logga-in/kod?redirectTo=%2Fpersonal%2Fdialoger");
  });

  it("a recovery code works once", async () => {
    const { staff, recoveryCodes } = await enrolledAccount("moderator");
    const [first, second] = recoveryCodes;
    // Typed in capitals with spaces instead of dashes: the same code.
    const { res: used } = await codeStep(staff.email, { method: "recovery", recoveryCode: first!.toUpperCase().replace(/-/g, " ") });
    expect(used.status).toBe(302);
    expect(used.headers.get("location")).toBe("/personal/dialoger");
    expect(await audit(staff.id, "auth.mfa_recovery_code_used")).toHaveLength(1);

    const { res: again, submit } = await codeStep(staff.email, { method: "recovery", recoveryCode: first! });
    expect(again.status).toBe(401);
    expect(text(await again.text())).toContain("Återställningskoden stämmer inte eller har redan använts.");
    expect((await submit({ method: "recovery", recoveryCode: second! })).status).toBe(302);
  });

  it(`20 wrong codes at once: at most ${MFA_LIMITS.attempts} are checked, then even the right code waits`, async () => {
    const { staff, secret } = await enrolledAccount("moderator");
    const { submit, res: firstWrong } = await codeStep(staff.email, { method: "totp", code: wrongCode(secret, 1) });
    expect(firstWrong.status).toBe(401);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => submit({ method: "totp", code: wrongCode(secret, 2 + i) })));
    const statuses = responses.map((r) => r.status);
    const checked = 1 + statuses.filter((s) => s === 401).length;
    expect(checked).toBeLessThanOrEqual(MFA_LIMITS.attempts);
    expect(statuses.filter((s) => s === 429)).toHaveLength(21 - checked);
    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(text(await refused.text())).toContain("För många försök med fel kod.");

    const right = await submit({ method: "totp", code: await nextCode(staff.id, secret) });
    expect(right.status).toBe(429);
    expect(sessionOf(right)).toBeUndefined();
    expect(await audit(staff.id, "auth.mfa_failed")).toHaveLength(checked);
    expect(await audit(staff.id, "auth.mfa_throttled")).toHaveLength(1);
  });

  it("needs the pending session's CSRF token, and is only for a session waiting for its code", async () => {
    const { staff, secret } = await enrolledAccount("moderator");
    const step = await passwordStep(staff.email);
    expect((await post("/personal/logga-in/kod", { method: "totp", code: await nextCode(staff.id, secret) }, step.session)).status).toBe(403);
    const nobody = await get("/personal/logga-in/kod");
    expect(nobody.status).toBe(302);
    expect(nobody.headers.get("location")).toMatch(/^\/personal\/logga-in\?/);
  });
});

describe("staff sockets", () => {
  /** A socket.io client on the app's own port, with the tab's cookie. */
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

  it("a session waiting for its code, or for MFA to be set up, is not staff on a socket", async () => {
    const dialogue = await makeQaDialogue(app.db, "ongoing");
    const { staff, secret } = await enrolledAccount("moderator");
    const pending = await passwordStep(staff.email);
    const notYet = await passwordStep((await makeStaff(app.db, { role: "moderator" })).email);
    for (const cookie of [pending.session, notYet.session]) {
      const socket = await connect(cookie);
      expect((await whoami(socket)).staff).toBeNull();
      expect(await call(socket, "qa:join", { dialogueId: dialogue.id })).toMatchObject({ ok: true, data: { moderator: false } });
    }
    // The same person after the code is.
    const page = await get("/personal/logga-in/kod", pending.session);
    const ok = await post(
      "/personal/logga-in/kod",
      { _csrf: csrfIn(await page.text()), method: "totp", code: await nextCode(staff.id, secret) },
      pending.session,
    );
    const socket = await connect(sessionOf(ok)!);
    expect((await whoami(socket)).staff).toMatchObject({ id: staff.id, role: "moderator" });
    expect(await call(socket, "qa:join", { dialogueId: dialogue.id })).toMatchObject({ ok: true, data: { moderator: true } });
  });
});

describe("an admin's reset", () => {
  it("removes the authenticator and the recovery codes, ends every session of the account, and is audited", async () => {
    const admin = await enrolledAccount("admin");
    const target = await enrolledAccount("moderator");
    expect((await get("/personal/dialoger", target.session)).status).toBe(200);
    const page = await get("/personal/konton", admin.session);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(text(html)).toContain("Återställ tvåstegsverifiering");

    const res = await post("/personal/konton", { _csrf: csrfIn(html), intent: "resetMfa", staffId: String(target.staff.id) }, admin.session);
    expect(res.status).toBe(200);
    expect(text(await res.text())).toContain("Tvåstegsverifieringen är återställd.");
    expect(await app.db.selectFrom("staff_mfa").selectAll().where("staff_id", "=", target.staff.id).execute()).toEqual([]);
    expect(await app.db.selectFrom("staff_recovery_codes").selectAll().where("staff_id", "=", target.staff.id).execute()).toEqual([]);
    expect(await app.db.selectFrom("staff_sessions").selectAll().where("staff_id", "=", target.staff.id).execute()).toEqual([]);
    expect((await get("/personal/dialoger", target.session)).headers.get("location")).toMatch(/^\/personal\/logga-in\?/);
    const rows = await audit(target.staff.id, "auth.mfa_reset");
    expect(rows.map((r) => r.actor_staff_id)).toEqual([admin.staff.id]);
    // Their role requires MFA: the next sign-in sets it up again.
    expect((await passwordStep(target.staff.email)).location).toMatch(/^\/personal\/tvastegsverifiering\?/);

    // Not one's own (that would lock the admin out of the page), and not without the CSRF token.
    const own = await post("/personal/konton", { _csrf: csrfIn(html), intent: "resetMfa", staffId: String(admin.staff.id) }, admin.session);
    expect(own.status).toBe(400);
    expect(await app.db.selectFrom("staff_mfa").select("staff_id").where("staff_id", "=", admin.staff.id).execute()).toHaveLength(1);
    expect((await post("/personal/konton", { intent: "resetMfa", staffId: String(admin.staff.id) }, admin.session)).status).toBe(403);
  });
});
