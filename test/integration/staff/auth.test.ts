import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { createTestDb } from "../../helpers/db";
import { makeOrganisation, makeStaff, TEST_PASSWORD } from "../../helpers/factories";
import { formRequest, staffCookie, testConfig, testContext } from "../../helpers/context";
import { action as signInAction } from "~/routes/personal.logga-in";
import { action as signOutAction } from "~/routes/personal.logga-ut";
import { loader as staffHomeLoader } from "~/routes/personal._index";
import { loader as accountsLoader, action as accountsAction } from "~/routes/personal.konton";
import { lookupStaffSession } from "~/http/session.server";

let db: DB;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.destroy();
});

async function run<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function signInRequest(email: string, password: string, ip = "127.0.0.1") {
  return { request: formRequest("/personal/logga-in", { email, password }), params: {}, context: testContext(db, { clientIp: ip }) };
}

describe("staff sign-in", () => {
  it("signs in with the right password, sets an HttpOnly SameSite cookie and logs it", async () => {
    const staff = await makeStaff(db, { email: "mira@example.org" });
    const res = (await signInAction(signInRequest("MIRA@example.org", TEST_PASSWORD))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/personal");
    const cookie = res.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^tryggve_staff=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const lookup = await lookupStaffSession(db, testConfig(), cookie.split(";")[0]);
    expect(lookup.status === "ok" && lookup.staff.id).toBe(staff.id);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "auth.sign_in").execute();
    expect(audit.some((a) => a.actor_staff_id === staff.id)).toBe(true);
  });

  it("marks the cookie Secure over HTTPS", async () => {
    await makeStaff(db, { email: "secure@example.org" });
    const request = new Request("https://tryggve.example/personal/logga-in", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "secure@example.org", password: TEST_PASSWORD }).toString(),
    });
    const res = (await signInAction({ request, params: {}, context: testContext(db) })) as Response;
    expect(res.headers.get("Set-Cookie")).toMatch(/Secure/);
  });

  it("gives the same message for an unknown email and a wrong password, and logs the failure", async () => {
    await makeStaff(db, { email: "known@example.org" });
    const unknown = (await signInAction(signInRequest("nobody@example.org", TEST_PASSWORD))) as Response;
    const wrong = (await signInAction(signInRequest("known@example.org", "wrong password"))) as Response;
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const a = (await unknown.json()) as { errors: unknown };
    const b = (await wrong.json()) as { errors: unknown };
    expect(a.errors).toEqual({ _form: "signIn.invalid" });
    expect(b.errors).toEqual(a.errors);
    const failures = await db.selectFrom("audit_log").selectAll().where("action", "=", "auth.sign_in_failed").execute();
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a disabled account with the same message", async () => {
    await makeStaff(db, { email: "gone@example.org", disabled_at: new Date().toISOString() });
    const res = (await signInAction(signInRequest("gone@example.org", TEST_PASSWORD))) as Response;
    expect(res.status).toBe(401);
  });

  it("throttles after 5 failures per minute for one email, even with the right password", async () => {
    await makeStaff(db, { email: "target@example.org" });
    for (let i = 0; i < 5; i++) {
      const r = (await signInAction(signInRequest("target@example.org", "bad", `10.0.0.${i}`))) as Response;
      expect(r.status).toBe(401);
    }
    const blocked = (await signInAction(signInRequest("target@example.org", TEST_PASSWORD, "10.0.1.1"))) as Response;
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { errors: unknown }).errors).toEqual({ _form: "signIn.throttled" });
  });

  it("five failures from one IP across emails do not lock a colleague on the same IP out (the IP limit is looser)", async () => {
    await makeStaff(db, { email: "other@example.org" });
    for (let i = 0; i < 5; i++) await signInAction(signInRequest(`x${i}@example.org`, "bad", "192.0.2.9"));
    const colleague = (await signInAction(signInRequest("other@example.org", TEST_PASSWORD, "192.0.2.9"))) as Response;
    expect(colleague.status).toBe(302);
  });

  it("rotates the session id at sign-in and destroys the previous session", async () => {
    const staff = await makeStaff(db, { email: "rotate@example.org" });
    const first = await staffCookie(db, staff.id);
    const request = formRequest("/personal/logga-in", { email: "rotate@example.org", password: TEST_PASSWORD }, { Cookie: first.cookie });
    const res = (await signInAction({ request, params: {}, context: testContext(db) })) as Response;
    const second = (res.headers.get("Set-Cookie") ?? "").split(";")[0];
    expect(second).not.toBe(first.cookie);
    expect((await lookupStaffSession(db, testConfig(), first.cookie)).status).toBe("expired");
    expect((await lookupStaffSession(db, testConfig(), second)).status).toBe("ok");
  });

  it("expires sessions after the idle and the absolute timeout", async () => {
    const staff = await makeStaff(db);
    const { cookie } = await staffCookie(db, staff.id);
    const config = testConfig();
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    expect((await lookupStaffSession(db, config, cookie, later(30))).status).toBe("ok");
    expect((await lookupStaffSession(db, config, cookie, later(30 + config.SESSION_IDLE_MINUTES + 1))).status).toBe("expired");

    const { cookie: c2 } = await staffCookie(db, staff.id);
    // Keep it active every 50 minutes, still it ends at the absolute limit.
    let t = 0;
    while (t + 50 < config.SESSION_ABSOLUTE_HOURS * 60) {
      t += 50;
      expect((await lookupStaffSession(db, config, c2, later(t))).status).toBe("ok");
    }
    expect((await lookupStaffSession(db, config, c2, later(config.SESSION_ABSOLUTE_HOURS * 60 + 1))).status).toBe("expired");
  });

  it("treats a forged cookie as invalid and redirects staff pages to sign-in", async () => {
    const forged = "tryggve_staff=" + Buffer.from(JSON.stringify("made-up")).toString("base64") + ".bogussignature";
    expect((await lookupStaffSession(db, testConfig(), forged)).status).toBe("invalid");
    const res = await run(() =>
      staffHomeLoader({ request: new Request("http://localhost/personal", { headers: { Cookie: forged } }), params: {}, context: testContext(db) }),
    );
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(302);
    expect((res as Response).headers.get("Location")).toMatch(/^\/personal\/logga-in\?.*reason=expired/);
  });

  it("invalidates the session on the server at sign-out, so a replayed cookie is useless", async () => {
    const staff = await makeStaff(db);
    const { cookie, csrfToken } = await staffCookie(db, staff.id);
    const res = (await signOutAction({
      request: formRequest("/personal/logga-ut", { _csrf: csrfToken }, { Cookie: cookie }),
      params: {},
      context: testContext(db),
    })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect((await lookupStaffSession(db, testConfig(), cookie)).status).toBe("expired");
  });
});

describe("server-side role and CSRF checks", () => {
  it("redirects residents (no session) away from staff pages", async () => {
    const res = await run(() => staffHomeLoader({ request: new Request("http://localhost/personal"), params: {}, context: testContext(db) }));
    expect((res as Response).status).toBe(302);
    expect((res as Response).headers.get("Location")).toContain("reason=required");
  });

  it("refuses the staff admin page to a panelist with 403 and logs it", async () => {
    const org = await makeOrganisation(db);
    const panelist = await makeStaff(db, { role: "panelist", organisation_id: org.id });
    const { cookie } = await staffCookie(db, panelist.id);
    const res = await run(() =>
      accountsLoader({ request: new Request("http://localhost/personal/konton", { headers: { Cookie: cookie } }), params: {}, context: testContext(db) }),
    );
    expect((res as Response).status).toBe(403);
    const logged = await db.selectFrom("audit_log").selectAll().where("action", "=", "auth.forbidden").where("actor_staff_id", "=", panelist.id).execute();
    expect(logged).toHaveLength(1);
  });

  it("rejects a staff form without the CSRF token and saves nothing", async () => {
    const admin = await makeStaff(db, { role: "admin" });
    const { cookie } = await staffCookie(db, admin.id);
    const before = await db.selectFrom("staff").select("id").execute();
    const res = await run(() =>
      accountsAction({
        request: formRequest(
          "/personal/konton",
          { intent: "create", email: "new@example.org", name: "New", role: "moderator", password: "long enough password" },
          { Cookie: cookie },
        ),
        params: {},
        context: testContext(db),
      }),
    );
    expect((res as Response).status).toBe(403);
    expect(await db.selectFrom("staff").select("id").execute()).toHaveLength(before.length);
  });
});
