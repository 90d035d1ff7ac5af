// Issue 10: staff single sign-on with the municipality's identity provider over OpenID Connect.
// docs/security.md, "Single sign-on (OpenID Connect)"; docs/decisions/009-oidc-single-sign-on.md.
//
// Everything is real: Tryggve's server with the Remix build (test/helpers/app.ts), panva's
// oidc-provider on port 0 (test/helpers/oidc-provider.ts) with its own login and consent pages,
// and a browser made of fetches with a cookie jar per origin (test/helpers/oidc-browser.ts).
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../../helpers/app";
import { testConfig } from "../../helpers/context";
import { pressSsoButton, providerAbortLink, signInAtProvider, SsoBrowser } from "../../helpers/oidc-browser";
import { publicJwk, rsaSigningKey, startOidcProvider, TEST_CLIENT_ID, TEST_CLIENT_SECRET, type TestProvider } from "../../helpers/oidc-provider";

const REDIRECT_URI = `${testConfig().PUBLIC_URL}/personal/sso/callback`;
const UNKNOWN_ACCOUNT = "Ditt konto finns inte i Tryggve. Be en administratör lägga till dig.";

let idp: TestProvider;
let app: App;

const ssoEnv = (issuer: string) => ({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: TEST_CLIENT_ID, OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET });

beforeAll(async () => {
  idp = await startOidcProvider({ redirectUris: [REDIRECT_URI] });
  app = await startApp({ env: ssoEnv(idp.issuer) });
});
afterAll(async () => {
  await app?.close();
  await idp?.close();
});

const sessionCookie = (page: { setCookies: string[] }) => page.setCookies.map((c) => c.split(";")[0]!).find((c) => /^(__Host-)?tryggve_staff=./.test(c));

async function auditRows(target: App, action: string) {
  const rows = await target.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();
  return rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null }));
}

async function lastRefusal(target: App = app) {
  const rows = await auditRows(target, "auth.sso_refused");
  return rows.at(-1);
}

async function sessionCount(target: App = app) {
  const row = await target.db
    .selectFrom("staff_sessions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The button, the provider's login and consent, and back: returns the callback URL (unopened). */
async function throughProvider(browser: SsoBrowser, login: string, opts: { redirectTo?: string; alter?: (url: URL) => URL } = {}) {
  const { authorizationUrl } = await pressSsoButton(browser, opts.redirectTo);
  return signInAtProvider(browser, opts.alter ? opts.alter(new URL(authorizationUrl)) : authorizationUrl, login);
}

describe("the sign-in page", () => {
  it("offers the municipal account only when single sign-on is configured", async () => {
    const withSso = await new SsoBrowser(app).open("/personal/logga-in");
    expect(withSso.body).toContain("Logga in med kommunens konto");
    expect(withSso.body).toMatch(/<form[^>]*action="\/personal\/sso"/);

    const plain = await startApp();
    try {
      const without = await new SsoBrowser(plain).open("/personal/logga-in");
      expect(without.status).toBe(200);
      expect(without.body).not.toContain("Logga in med kommunens konto");
      // And the start route refuses: nothing to sign in with.
      const start = await new SsoBrowser(plain).open("/personal/sso", { redirectTo: "/personal" });
      expect(start.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe("single sign-on, the happy path", () => {
  it("signs a known, verified e-mail in with Tryggve's role, stores the subject, and audits method oidc", async () => {
    const browser = new SsoBrowser(app);
    const { authorizationUrl } = await pressSsoButton(browser, "/personal/utkorg");

    // The authorization request: code flow, PKCE S256, state and nonce, the fixed redirect URI.
    const q = authorizationUrl.searchParams;
    expect(authorizationUrl.origin).toBe(idp.origin);
    expect(q.get("response_type")).toBe("code");
    expect(q.get("client_id")).toBe(TEST_CLIENT_ID);
    expect(q.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(q.get("scope")).toBe("openid email profile");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(q.get("state")).toMatch(/^[\w-]{20,}$/);
    expect(q.get("nonce")).toMatch(/^[\w-]{20,}$/);
    // The PKCE verifier is kept server-side, its S256 is the challenge, and the browser holds only an opaque id.
    const pending = await app.db.selectFrom("oidc_authorisations").selectAll().where("state", "=", q.get("state")!).executeTakeFirstOrThrow();
    expect(crypto.createHash("sha256").update(pending.code_verifier).digest("base64url")).toBe(q.get("code_challenge"));
    expect(pending.nonce).toBe(q.get("nonce"));
    const ssoCookieValue = [...browser.cookies(browser.appOrigin).entries()].find(([k]) => k === "tryggve_sso")?.[1] ?? "";
    expect(ssoCookieValue).not.toContain(pending.code_verifier);
    expect(decodeURIComponent(ssoCookieValue)).not.toContain(q.get("state")!);

    const callback = await signInAtProvider(browser, authorizationUrl, "mona.moderator");
    expect(callback.searchParams.get("code")).toBeTruthy();
    const landed = await browser.open(callback);
    expect(landed.status).toBe(302);
    expect(landed.location?.pathname).toBe("/personal/utkorg");
    expect(sessionCookie(landed)).toBeDefined();
    // The pending-request cookie is cleared.
    expect(landed.setCookies.some((c) => /^tryggve_sso=;/.test(c))).toBe(true);

    const home = await browser.open("/personal");
    expect(home.status).toBe(200);
    expect(home.body).toContain("Moderator");

    const staff = await app.db
      .selectFrom("staff")
      .select(["id", "oidc_subject", "role"])
      .where("email", "=", "moderator@tryggve.example")
      .executeTakeFirstOrThrow();
    expect(staff.oidc_subject).toBe("mona.moderator");
    expect(staff.role).toBe("moderator");
    const signIns = await auditRows(app, "auth.sign_in");
    expect(signIns.at(-1)).toMatchObject({ actor_staff_id: staff.id, details: { method: "oidc" } });
    expect((await auditRows(app, "staff.oidc_linked")).at(-1)).toMatchObject({ actor_staff_id: staff.id, details: { subject: "mona.moderator" } });
    const session = await app.db
      .selectFrom("staff_sessions")
      .select("auth_method")
      .where("staff_id", "=", staff.id)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(session.auth_method).toBe("oidc");
  });

  it("later matches by the stored subject, even after the e-mail changed in Tryggve, and ends the previous session", async () => {
    const browser = new SsoBrowser(app);
    const first = await browser.open(await throughProvider(browser, "ada.admin"));
    expect(first.status).toBe(302);
    const firstCookie = sessionCookie(first)!;
    const admin = await app.db.selectFrom("staff").select(["id", "oidc_subject"]).where("email", "=", "admin@tryggve.example").executeTakeFirstOrThrow();
    expect(admin.oidc_subject).toBe("ada.admin");

    await app.db.updateTable("staff").set({ email: "ada.admin@tryggve.example" }).where("id", "=", admin.id).execute();
    try {
      const again = await browser.open(await throughProvider(browser, "ada.admin"));
      expect(again.status).toBe(302);
      expect(sessionCookie(again)).not.toBe(firstCookie);
      const sessions = await app.db.selectFrom("staff_sessions").select("id_hash").where("staff_id", "=", admin.id).execute();
      expect(sessions).toHaveLength(1);
      expect((await auditRows(app, "auth.sign_in")).at(-1)).toMatchObject({ actor_staff_id: admin.id, details: { method: "oidc" } });
    } finally {
      await app.db.updateTable("staff").set({ email: "admin@tryggve.example" }).where("id", "=", admin.id).execute();
    }
  });
});

describe("single sign-on and Tryggve's own MFA (docs/decisions/009)", () => {
  it("a moderator signed in through the provider is fully signed in where MFA is required of moderators: the provider's MFA applies", async () => {
    const strict = await startApp({ env: { ...ssoEnv(idp.issuer), MFA_REQUIRED_ROLES: "admin,moderator" } });
    try {
      // The password alone leads a moderator to Tryggve's MFA step, not in.
      const password = await new SsoBrowser(strict).open("/personal/logga-in", { email: "moderator@tryggve.example", password: "tryggve-demo" });
      expect(password.status).toBe(302);
      expect(password.location?.pathname).not.toBe("/personal");

      const browser = new SsoBrowser(strict);
      const landed = await browser.open(await throughProvider(browser, "mona.moderator"));
      expect(landed.status).toBe(302);
      expect(landed.location?.pathname).toBe("/personal");
      const home = await browser.open("/personal");
      expect(home.status).toBe(200);
      expect(home.body).toContain("Moderator");
    } finally {
      await strict.close();
    }
  });
});

describe("who may not sign in", () => {
  it("refuses an identity Tryggve does not know, says so, audits it and creates nobody", async () => {
    const before = await app.db
      .selectFrom("staff")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const sessions = await sessionCount();
    const browser = new SsoBrowser(app);
    const page = await browser.open(await throughProvider(browser, "olle.okand"));
    expect(page.status).toBe(403);
    expect(page.body).toContain(UNKNOWN_ACCOUNT);
    expect(sessionCookie(page)).toBeUndefined();
    expect(await sessionCount()).toBe(sessions);
    const after = await app.db
      .selectFrom("staff")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await lastRefusal()).toMatchObject({
      actor_staff_id: null,
      details: { method: "oidc", reason: "unknown_account", email: "okand@stockholm.example" },
    });
  });

  it("refuses a disabled account and does not link it", async () => {
    const housing = await app.db.selectFrom("staff").select("id").where("email", "=", "stockholmshem@tryggve.example").executeTakeFirstOrThrow();
    await app.db.updateTable("staff").set({ disabled_at: new Date().toISOString() }).where("id", "=", housing.id).execute();
    try {
      const browser = new SsoBrowser(app);
      const page = await browser.open(await throughProvider(browser, "sture.stockholmshem"));
      expect(page.status).toBe(403);
      expect(page.body).toContain("Ditt konto i Tryggve är avstängt.");
      expect(sessionCookie(page)).toBeUndefined();
      expect(await lastRefusal()).toMatchObject({ details: { reason: "account_disabled", email: "stockholmshem@tryggve.example" } });
      const row = await app.db.selectFrom("staff").select("oidc_subject").where("id", "=", housing.id).executeTakeFirstOrThrow();
      expect(row.oidc_subject).toBeNull();
    } finally {
      await app.db.updateTable("staff").set({ disabled_at: null }).where("id", "=", housing.id).execute();
    }
  });

  it("refuses an e-mail the provider has not verified", async () => {
    const browser = new SsoBrowser(app);
    const page = await browser.open(await throughProvider(browser, "vera.vandring"));
    expect(page.status).toBe(403);
    expect(sessionCookie(page)).toBeUndefined();
    expect(await lastRefusal()).toMatchObject({ details: { reason: "email_not_verified" } });
  });
});

describe("the callback's state", () => {
  it("is used once: the same callback (with its cookie) a second time is refused", async () => {
    const browser = new SsoBrowser(app);
    const callback = await throughProvider(browser, "mona.moderator");
    const pendingCookie = browser.cookies(browser.appOrigin).get("tryggve_sso")!;
    const first = await browser.open(callback);
    expect(first.status).toBe(302);
    const sessions = await sessionCount();

    // An attacker who captured the callback URL and the cookie replays both.
    const replay = new SsoBrowser(app);
    replay.cookies(replay.appOrigin).set("tryggve_sso", pendingCookie);
    const second = await replay.open(callback);
    expect(second.status).toBe(400);
    expect(second.body).toContain("har redan använts");
    expect(sessionCookie(second)).toBeUndefined();
    expect(await sessionCount()).toBe(sessions);
    expect(await lastRefusal()).toMatchObject({ details: { reason: "replayed_state" } });
  });

  it("two callbacks with the same state at once: exactly one signs in", async () => {
    const browser = new SsoBrowser(app);
    const callback = await throughProvider(browser, "mona.moderator");
    const pendingCookie = browser.cookies(browser.appOrigin).get("tryggve_sso")!;
    const twins = [new SsoBrowser(app), new SsoBrowser(app), new SsoBrowser(app)];
    for (const twin of twins) twin.cookies(twin.appOrigin).set("tryggve_sso", pendingCookie);
    const pages = await Promise.all(twins.map((twin) => twin.open(callback)));
    expect(pages.map((p) => p.status).sort()).toEqual([302, 400, 400]);
    expect(pages.filter((p) => sessionCookie(p))).toHaveLength(1);
  });

  it("a state from another browser (no pending-request cookie) is refused, and the right browser still finishes", async () => {
    const browser = new SsoBrowser(app);
    const callback = await throughProvider(browser, "mona.moderator");
    const other = await new SsoBrowser(app).open(callback);
    expect(other.status).toBe(400);
    expect(sessionCookie(other)).toBeUndefined();
    expect(await lastRefusal()).toMatchObject({ details: { reason: "no_pending_authorisation" } });

    const own = await browser.open(callback);
    expect(own.status).toBe(302);
    expect(sessionCookie(own)).toBeDefined();
  });

  it("a callback whose state is not this browser's request is refused", async () => {
    const browser = new SsoBrowser(app);
    const callback = await throughProvider(browser, "mona.moderator");
    callback.searchParams.set("state", "attacker-chosen-state-0123456789");
    const page = await browser.open(callback);
    expect(page.status).toBe(400);
    expect(sessionCookie(page)).toBeUndefined();
    expect(await lastRefusal()).toMatchObject({ details: { reason: "state_mismatch" } });
  });

  it("a request older than ten minutes is refused", async () => {
    const browser = new SsoBrowser(app);
    const callback = await throughProvider(browser, "mona.moderator");
    await app.db
      .updateTable("oidc_authorisations")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("state", "=", callback.searchParams.get("state")!)
      .execute();
    const page = await browser.open(callback);
    expect(page.status).toBe(400);
    expect(sessionCookie(page)).toBeUndefined();
    expect(await lastRefusal()).toMatchObject({ details: { reason: "expired_state" } });
  });
});

describe("what the provider answers", () => {
  it("an error from the provider (the person cancels) is refused with its message", async () => {
    const browser = new SsoBrowser(app);
    const { authorizationUrl } = await pressSsoButton(browser);
    const login = await browser.follow(await browser.open(authorizationUrl));
    const abort = providerAbortLink(login);
    expect(abort).not.toBeNull();
    const back = await browser.follow(await browser.open(abort!), (url) => url.origin === browser.appOrigin);
    expect(back.location?.searchParams.get("error")).toBe("access_denied");
    const page = await browser.open(back.location!);
    expect(page.status).toBe(400);
    expect(page.body).toContain("Inloggningen avbröts");
    expect(sessionCookie(page)).toBeUndefined();
    expect(await lastRefusal()).toMatchObject({ details: { reason: "cancelled", error: "access_denied" } });
  });

  it("a wrong nonce in the ID token is refused", async () => {
    const browser = new SsoBrowser(app);
    const callback = await throughProvider(browser, "mona.moderator", {
      alter: (url) => (url.searchParams.set("nonce", "not-the-nonce-tryggve-stored-0123"), url),
    });
    const page = await browser.open(callback);
    expect(page.status).toBe(400);
    expect(sessionCookie(page)).toBeUndefined();
    const refusal = await lastRefusal();
    expect(refusal?.details).toMatchObject({ reason: "invalid_response" });
    expect(String(refusal?.details?.check)).toMatch(/nonce/);
  });

  it("a code obtained with another PKCE challenge is refused (the verifier is sent and checked)", async () => {
    const browser = new SsoBrowser(app);
    const otherVerifier = crypto.randomBytes(32).toString("base64url");
    const callback = await throughProvider(browser, "mona.moderator", {
      alter: (url) => (url.searchParams.set("code_challenge", crypto.createHash("sha256").update(otherVerifier).digest("base64url")), url),
    });
    const page = await browser.open(callback);
    expect(page.status).toBe(400);
    expect(sessionCookie(page)).toBeUndefined();
    expect(await lastRefusal()).toMatchObject({ details: { reason: "invalid_response", code: "token_endpoint", error: "invalid_grant" } });
  });

  it("a response from another provider (mix-up: another issuer) is refused", async () => {
    const other = await startOidcProvider({ redirectUris: [REDIRECT_URI] });
    try {
      const browser = new SsoBrowser(app);
      const callback = await throughProvider(browser, "mona.moderator", {
        alter: (url) => new URL(url.pathname + url.search, other.origin),
      });
      expect(callback.searchParams.get("iss")).toBe(other.issuer);
      const page = await browser.open(callback);
      expect(page.status).toBe(400);
      expect(page.body).toContain("kunde inte godkännas");
      expect(sessionCookie(page)).toBeUndefined();
      const refusal = await lastRefusal();
      expect(refusal?.details).toMatchObject({ reason: "invalid_response" });
      expect(String(refusal?.details?.check)).toMatch(/iss/);
    } finally {
      await other.close();
    }
  });

  it("a provider whose discovery document names another issuer is refused before anyone leaves", async () => {
    // Listens on 127.0.0.1 but says it is localhost: OIDC_ISSUER and the document disagree.
    const liar = await startOidcProvider({ redirectUris: [REDIRECT_URI], issuer: (origin) => origin.replace("127.0.0.1", "localhost") });
    const misconfigured = await startApp({ env: ssoEnv(liar.origin) });
    try {
      const browser = new SsoBrowser(misconfigured);
      const page = await browser.open("/personal/sso", { redirectTo: "/personal" });
      expect(page.status).toBe(400);
      expect(page.location).toBeNull();
      expect(page.body).toContain("kunde inte godkännas");
      const refusal = await lastRefusal(misconfigured);
      expect(refusal?.details).toMatchObject({ reason: "invalid_response", stage: "discovery" });
    } finally {
      await misconfigured.close();
      await liar.close();
    }
  });

  it("an ID token that the provider's published keys do not verify (bad signature) is refused", async () => {
    const signing = rsaSigningKey("key-1");
    const impostor = rsaSigningKey("key-1"); // same key id, other key
    const forged = await startOidcProvider({ redirectUris: [REDIRECT_URI], signingKey: signing, publishedJwks: { keys: [publicJwk(impostor)] } });
    const target = await startApp({ env: ssoEnv(forged.issuer) });
    try {
      const browser = new SsoBrowser(target);
      const page = await browser.open(await throughProvider(browser, "mona.moderator"));
      expect(page.status).toBe(400);
      expect(sessionCookie(page)).toBeUndefined();
      const refusal = await lastRefusal(target);
      expect(refusal?.details).toMatchObject({ reason: "invalid_response" });
      expect(String(refusal?.details?.check)).toMatch(/signature/i);
    } finally {
      await target.close();
      await forged.close();
    }
  });
});
