import { describe, expect, it } from "vitest";
import { localToUtc, utcToLocal } from "~/domain/common/time";

describe("Europe/Stockholm wall-clock time", () => {
  it("uses +01:00 in winter and +02:00 in summer", () => {
    expect(localToUtc("2026-01-15", "18:00")!.toISOString()).toBe("2026-01-15T17:00:00.000Z");
    expect(localToUtc("2026-06-15", "18:00")!.toISOString()).toBe("2026-06-15T16:00:00.000Z");
  });

  it("handles the days either side of the spring change (29 March 2026)", () => {
    expect(localToUtc("2026-03-28", "18:00")!.toISOString()).toBe("2026-03-28T17:00:00.000Z");
    expect(localToUtc("2026-03-29", "18:00")!.toISOString()).toBe("2026-03-29T16:00:00.000Z");
    expect(localToUtc("2026-03-29", "01:30")!.toISOString()).toBe("2026-03-29T00:30:00.000Z");
  });

  it("refuses a time skipped when clocks go forward", () => {
    expect(localToUtc("2026-03-29", "02:30")).toBeNull();
  });

  it("resolves a time that occurs twice in autumn to the first occurrence", () => {
    // 25 October 2026: 03:00 CEST -> 02:00 CET, so 02:30 happens twice.
    expect(localToUtc("2026-10-25", "02:30")!.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(localToUtc("2026-10-25", "18:00")!.toISOString()).toBe("2026-10-25T17:00:00.000Z");
  });

  it("round-trips through utcToLocal", () => {
    for (const [d, t] of [
      ["2026-03-30", "09:15"],
      ["2026-12-31", "23:59"],
      ["2026-07-01", "00:00"],
    ]) {
      expect(utcToLocal(localToUtc(d, t)!)).toEqual({ date: d, time: t });
    }
  });

  it("rejects impossible dates and times", () => {
    expect(localToUtc("2026-02-30", "10:00")).toBeNull();
    expect(localToUtc("2026-02-10", "24:00")).toBeNull();
    expect(localToUtc("10/02/2026", "10:00")).toBeNull();
  });
});
