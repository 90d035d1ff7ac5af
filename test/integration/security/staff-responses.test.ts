// Issue 10, finding 8 (part): staff pages could be kept by a browser or proxy cache, and the staff
// session cookie had no `__Host-` prefix over HTTPS. docs/security.md, "Staff responses".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookiePairs, signIn, startApp, type App } from "../../helpers/app";
import { createStaffSession } from "~/domain/staff/session.server";
import { staffCookie } from "~/http/session.server";

let app: App;

beforeAll(async () => {
  // Behind a TLS-terminating proxy that says so in X-Forwarded-Proto; plain http without it.
  app = await startApp({ env: { TRUST_PROXY: "true" } });
});
afterAll(async () => {
  await app.close();
});

describe("Cache-Control on staff responses", () => {
  it("is no-store on every /personal response: pages, data requests, exports, redirects, refusals and errors", async () => {
    const { session } = await signIn(app, { role: "moderator" });
    const admin = await signIn(app, { role: "admin" });
    const walk = await app.db.selectFrom("walks").select("id").orderBy("id").executeTakeFirstOrThrow();
    const asModerator = { cookie: session! };
    const requests: Array<[string, RequestInit]> = [
      ["/personal", { headers: asModerator }],
      ["/personal/dialoger", { headers: asModerator }],
      ["/personal/dialoger?_data=routes%2Fpersonal.dialoger._index", { headers: asModerator }],
      ["/personal/utkorg", { headers: { cookie: admin.session! } }],
      ["/personal/utkorg?_data=routes%2Fpersonal.utkorg._index", { headers: { cookie: admin.session! } }],
      [`/personal/vandringar/${walk.id}/protokoll.csv`, { headers: { cookie: admin.session! } }],
      ["/personal/konton", { headers: asModerator }], // 403
      ["/personal/konton?_data=routes%2Fpersonal.konton", { headers: asModerator }], // 403 as data
      ["/personal/utkorg", {}], // redirect to sign-in
      ["/personal/finns-inte", { headers: asModerator }], // 404
      ["/personal/logga-in", {}],
      ["/PERSONAL/Utkorg", { headers: { cookie: admin.session! } }], // Remix matches paths case-insensitively
      ["/personal/dialoger/999999", { headers: asModerator }],
    ];
    const seen: Record<string, string | null> = {};
    const statuses = new Set<number>();
    for (const [path, init] of requests) {
      const res = await fetch(`${app.base}${path}`, { redirect: "manual", ...init });
      await res.arrayBuffer();
      statuses.add(res.status);
      seen[path] = res.headers.get("cache-control");
    }
    const { res: failedSignIn } = await signIn(app, { role: "admin", password: "wrong" });
    statuses.add(failedSignIn.status);
    seen["POST /personal/logga-in (wrong password)"] = failedSignIn.headers.get("cache-control");
    const tooLarge = await fetch(`${app.base}/personal/dialoger/ny`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: session! },
      body: "x=" + "a".repeat(1024 * 1024 + 10),
    });
    statuses.add(tooLarge.status);
    seen["POST /personal/dialoger/ny (413)"] = tooLarge.headers.get("cache-control");

    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 302, 401, 403, 404, 413]));
    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, "no-store"])));
    // Public pages keep their own caching.
    expect((await fetch(`${app.base}/dialoger`)).headers.get("cache-control")).not.toBe("no-store");
  });
});

describe("the staff session cookie", () => {
  it("is __Host-tryggve_staff (Secure, Path=/, no Domain) over HTTPS and tryggve_staff over plain http, and works on both", async () => {
    const https = { "x-forwarded-proto": "https" };
    const { res, session } = await signIn(app, { headers: https });
    expect(res.status).toBe(302);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-tryggve_staff="));
    expect(setCookie).toBeTruthy();
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(cookiePairs(res).some((c) => c.startsWith("tryggve_staff="))).toBe(false);
    const page = await fetch(`${app.base}/personal`, { redirect: "manual", headers: { ...https, cookie: session! } });
    expect(page.status).toBe(200);

    // Over plain http (local use) it stays tryggve_staff without Secure, and works there.
    const local = await signIn(app);
    const plain = local.res.headers.getSetCookie().find((c) => c.startsWith("tryggve_staff="));
    expect(plain).toBeTruthy();
    expect(plain).not.toMatch(/; Secure/i);
    expect((await fetch(`${app.base}/personal`, { redirect: "manual", headers: { cookie: local.session! } })).status).toBe(200);
  });

  it("when PUBLIC_URL is https, only the __Host- cookie is read: a planted plain one signs nobody in", async () => {
    const secure = await startApp({ env: { PUBLIC_URL: "https://tryggve.stockholm.example" } });
    try {
      const { res, session } = await signIn(secure);
      expect(session).toMatch(/^__Host-tryggve_staff=/);
      expect(res.headers.getSetCookie().join("\n")).toMatch(/; Secure/i);
      expect((await fetch(`${secure.base}/personal`, { redirect: "manual", headers: { cookie: session! } })).status).toBe(200);

      // A valid session, but under the plain name (as a sibling subdomain or an http response could set it).
      const staff = await secure.db.selectFrom("staff").select("id").where("role", "=", "moderator").executeTakeFirstOrThrow();
      const planted = await createStaffSession(secure.db, staff.id, secure.config);
      const plain = (await staffCookie(secure.config, false).serialize(planted.id)).split(";")[0]!;
      const page = await fetch(`${secure.base}/personal`, { redirect: "manual", headers: { cookie: plain } });
      expect(page.status).toBe(302);
      expect(page.headers.get("location")).toMatch(/^\/personal\/logga-in/);
    } finally {
      await secure.close();
    }
  });
});
