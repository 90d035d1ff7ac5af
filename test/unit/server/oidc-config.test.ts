// The single sign-on settings (app/config.server.ts) and what the sign-in page derives from them.
import { describe, expect, it } from "vitest";
import { loadConfig } from "~/config.server";
import { oidcRedirectUri, ssoSignInOption } from "~/http/oidc.server";

const base = { OIDC_ISSUER: "https://login.stockholm.example", OIDC_CLIENT_ID: "tryggve" };

describe("OIDC configuration", () => {
  it("is off unless OIDC_ISSUER is set (blank counts as unset)", () => {
    expect(ssoSignInOption(loadConfig({}))).toBeNull();
    expect(ssoSignInOption(loadConfig({ OIDC_ISSUER: "  ", OIDC_CLIENT_ID: "tryggve" }))).toBeNull();
    expect(ssoSignInOption(loadConfig(base))).toEqual({ label: null });
    expect(ssoSignInOption(loadConfig({ ...base, OIDC_BUTTON_LABEL: "Logga in med Stockholmskontot" }))).toEqual({ label: "Logga in med Stockholmskontot" });
  });

  it("has the documented defaults", () => {
    const c = loadConfig(base);
    expect(c.OIDC_SCOPES).toBe("openid email profile");
    expect(c.OIDC_MATCH).toBe("email");
    expect(c.OIDC_CLIENT_SECRET).toBeUndefined();
    expect(loadConfig({ ...base, OIDC_SCOPES: "  openid   email " }).OIDC_SCOPES).toBe("openid email");
  });

  it("refuses a plain-http issuer except on this machine, a missing client id, scopes without openid and an unknown match", () => {
    expect(() => loadConfig({ ...base, OIDC_ISSUER: "http://login.stockholm.example" })).toThrow(/OIDC_ISSUER must be https/);
    expect(() => loadConfig({ ...base, OIDC_ISSUER: "http://127.0.0.1:4000" })).not.toThrow();
    expect(() => loadConfig({ ...base, OIDC_ISSUER: "not a url" })).toThrow(/OIDC_ISSUER/);
    expect(() => loadConfig({ OIDC_ISSUER: base.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID is required/);
    expect(() => loadConfig({ ...base, OIDC_SCOPES: "email profile" })).toThrow(/OIDC_SCOPES must include openid/);
    expect(() => loadConfig({ ...base, OIDC_MATCH: "name" })).toThrow(/OIDC_MATCH/);
  });

  it("the redirect URI is PUBLIC_URL's, never the request's", () => {
    expect(oidcRedirectUri(loadConfig({ ...base, PUBLIC_URL: "https://tryggve.stockholm.se/" }))).toBe("https://tryggve.stockholm.se/personal/sso/callback");
  });
});
