// Issue 10, finding 4: /personal/logga-in?redirectTo=/%09/evil.example/phish landed on evil.example
// (browsers drop the tab and read "//evil.example"). docs/security.md, "Redirects after sign-in".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromSite, request, signIn, startApp, type App } from "../../helpers/app";

let app: App;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.close();
});

/** Where a browser would go after the redirect: the Location resolved against the site. */
const destination = (location: string | null) => new URL(location ?? "", app.config.PUBLIC_URL);

// As the form field arrives (already decoded once by the form parser).
const VARIANTS = [
  "/\t/evil.example/phish", // the reported one: ?redirectTo=/%09/evil.example/phish
  "/%09/evil.example", // the same, still encoded
  "/\\evil.example",
  "/\\/evil.example",
  "//evil.example",
  "///evil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  "/%5Cevil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/personal\t",
  "/personal/\\..\\evil.example",
  "/pers\nonal",
  " //evil.example",
  "\t//evil.example",
  "/%E0%A4%A", // not decodable
];

describe("the redirect after sign-in", () => {
  it("goes to /personal for every foreign or ambiguous target, and still back to a staff page", async () => {
    const landed: Record<string, string | null> = {};
    for (const variant of VARIANTS) {
      const { res } = await signIn(app, { redirectTo: variant });
      expect(res.status).toBe(302);
      landed[variant] = res.headers.get("location");
      expect(destination(res.headers.get("location")).origin).toBe(app.config.PUBLIC_URL);
    }
    // Every variant at once, so a failure lists each one that got through.
    expect(landed).toEqual(Object.fromEntries(VARIANTS.map((v) => [v, "/personal"])));
    const back = await signIn(app, { redirectTo: "/personal/utkorg?fore=5#lista" });
    expect(back.res.headers.get("location")).toBe("/personal/utkorg?fore=5#lista");
  });

  it("the sign-in page never puts a foreign target in its form, for the link exactly as reported", async () => {
    const queries = [
      "/%09/evil.example/phish",
      "/%5Cevil.example",
      "//evil.example",
      "https://evil.example",
      "/%252F%252Fevil.example",
      "/%0d%0a/evil.example",
    ];
    const inForm: Record<string, string> = {};
    for (const query of queries) {
      const res = await request(app.base, `/personal/logga-in?_data=routes%2Fpersonal.logga-in&redirectTo=${query}`);
      expect(res.status).toBe(200);
      inForm[query] = ((await res.json()) as { redirectTo: string }).redirectTo;
    }
    expect(inForm).toEqual(Object.fromEntries(queries.map((q) => [q, "/personal"])));
  });

  it("the language switch (the other redirectTo) refuses the same variants", async () => {
    const landed: Record<string, string | null> = {};
    for (const variant of VARIANTS) {
      const res = await request(app.base, "/sprak", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...fromSite(app.config) },
        body: new URLSearchParams({ lng: "en", redirectTo: variant }).toString(),
      });
      expect(res.status).toBe(302);
      landed[variant] = res.headers.get("location");
    }
    expect(landed).toEqual(Object.fromEntries(VARIANTS.map((v) => [v, "/"])));
  });
});
