import { describe, expect, it } from "vitest";
import { clockFromConfig, clockStartingAt, fixedClock, systemClock } from "~/clock";
import { loadConfig } from "~/config.server";

describe("the app clock", () => {
  it("starts at the given instant and then runs at real speed", () => {
    let real = Date.parse("2030-01-01T00:00:00Z");
    const clock = clockStartingAt(new Date("2026-06-15T17:30:00+02:00"), () => real);
    expect(clock.now().toISOString()).toBe("2026-06-15T15:30:00.000Z");
    real += 90_000;
    expect(clock.now().toISOString()).toBe("2026-06-15T15:31:30.000Z");
  });

  it("a fixed clock stands still and hands out copies", () => {
    const clock = fixedClock("2026-03-29T00:30:00+01:00");
    const a = clock.now();
    a.setFullYear(1999);
    expect(clock.now().toISOString()).toBe("2026-03-28T23:30:00.000Z");
  });

  it("refuses an invalid start", () => {
    expect(() => fixedClock("not a time")).toThrow(/invalid/);
    expect(() => clockStartingAt(new Date("nope"))).toThrow(/invalid/);
  });

  it("is the system clock unless TRYGGVE_CLOCK is set", () => {
    expect(clockFromConfig(loadConfig({}))).toBe(systemClock);
    const t = clockFromConfig(loadConfig({ TRYGGVE_CLOCK: "2026-06-15T17:30:00+02:00" }))
      .now()
      .getTime();
    // Started at 15:30:00Z a moment ago; it has ticked forward, not back, and by less than a minute.
    expect(t - Date.parse("2026-06-15T15:30:00Z")).toBeGreaterThanOrEqual(0);
    expect(t - Date.parse("2026-06-15T15:30:00Z")).toBeLessThan(60_000);
  });
});

describe("TRYGGVE_CLOCK configuration", () => {
  it("takes an ISO date-time with an offset and treats an empty value as unset", () => {
    expect(loadConfig({ TRYGGVE_CLOCK: "2026-06-15T17:30:00+02:00" }).TRYGGVE_CLOCK).toBe("2026-06-15T17:30:00+02:00");
    expect(loadConfig({ TRYGGVE_CLOCK: "2026-06-15T15:30:00Z" }).TRYGGVE_CLOCK).toBe("2026-06-15T15:30:00Z");
    expect(loadConfig({ TRYGGVE_CLOCK: "" }).TRYGGVE_CLOCK).toBeUndefined();
  });

  it("refuses a time without an offset (it would depend on the machine's zone) or a plain date", () => {
    expect(() => loadConfig({ TRYGGVE_CLOCK: "2026-06-15T17:30:00" })).toThrow(/TRYGGVE_CLOCK must be an ISO date-time with an offset/);
    expect(() => loadConfig({ TRYGGVE_CLOCK: "2026-06-15" })).toThrow(/TRYGGVE_CLOCK/);
  });

  it("is refused in production unless TRYGGVE_CLOCK_IN_PRODUCTION allows it", () => {
    const prod = { NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), PUBLIC_URL: "https://tryggve.example", TRYGGVE_CLOCK: "2026-06-15T17:30:00+02:00" };
    expect(() => loadConfig(prod)).toThrow(/TRYGGVE_CLOCK is for tests and is refused in production/);
    expect(loadConfig({ ...prod, TRYGGVE_CLOCK_IN_PRODUCTION: "true" }).TRYGGVE_CLOCK).toBe("2026-06-15T17:30:00+02:00");
    expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), PUBLIC_URL: "https://tryggve.example" }).TRYGGVE_CLOCK).toBeUndefined();
  });
});
