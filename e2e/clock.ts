/**
 * The app's clock during the end-to-end run (TRYGGVE_CLOCK, see app/clock.ts): today in
 * Stockholm at 17:30, ticking on from there. Every journey fits that time of day: a walk
 * planned for 19:00–19:30 lies ahead, may already be started (at most two hours early) and
 * ends before midnight, whenever the suite happens to run. The date stays today's, so the
 * demo data, sessions and the browser's own date stay close to the app's.
 *
 * E2E_CLOCK overrides it with any ISO date-time with an offset (to replay a failure at the
 * time it happened, for example).
 */
export const E2E_TIME_OF_DAY = "17:30";

export function e2eClockStart(now: Date = new Date()): string {
  const date = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(now);
  // Stockholm's offset that afternoon: +02:00 in summer, +01:00 in winter (clocks change at night).
  const offset =
    new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Stockholm", timeZoneName: "longOffset" })
      .formatToParts(new Date(`${date}T15:30:00Z`))
      .find((p) => p.type === "timeZoneName")
      ?.value.replace("GMT", "") || "+00:00";
  return `${date}T${E2E_TIME_OF_DAY}:00${offset}`;
}
