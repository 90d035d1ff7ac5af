import { describe, expect, it } from "vitest";
import { loadConfig } from "~/config.server";

describe("configuration", () => {
  it("has working defaults for local use", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_PATH).toBe("./data/tryggve.sqlite");
    expect(c.DEMO_DATA).toBe(true);
    expect(c.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("refuses to start in production without SESSION_SECRET", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET is required/);
    expect(() => loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), PUBLIC_URL: "https://tryggve.example" })).not.toThrow();
  });

  it("lists every invalid value", () => {
    expect(() => loadConfig({ PORT: "http", SESSION_SECRET: "short", PUBLIC_URL: "not a url" })).toThrow(
      /PORT[\s\S]*SESSION_SECRET[\s\S]*PUBLIC_URL|PORT[\s\S]*PUBLIC_URL[\s\S]*SESSION_SECRET/,
    );
  });

  it("parses booleans strictly", () => {
    expect(loadConfig({ DEMO_DATA: "false" }).DEMO_DATA).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(true);
    expect(() => loadConfig({ TRUST_PROXY: "maybe" })).toThrow(/TRUST_PROXY/);
  });
});
