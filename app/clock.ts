/**
 * Where the app reads the current time. One clock per process, in the load
 * context (`context.clock`) and handed to whatever needs "now"; domain services
 * take `now: Date` as a parameter and never read a clock themselves.
 *
 * In production it is the system clock. Tests and the end-to-end run start it
 * at a chosen instant with TRYGGVE_CLOCK (app/config.server.ts), so a journey
 * does not depend on the time of day it happens to run at. Session expiry, rate
 * limits and throttles stay on real time on purpose: a test clock must never
 * keep a session alive or lift a limit.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that reads `start` at the moment it is made and then runs forward
 * at real speed, so timeouts, "in ten minutes" and ordering still work.
 */
export function clockStartingAt(start: Date, realNow: () => number = Date.now): Clock {
  if (Number.isNaN(start.getTime())) throw new Error("clockStartingAt: invalid start time");
  const offset = start.getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}

/** A clock that stands still (unit and integration tests that assert exact dates). */
export function fixedClock(at: Date | string): Clock {
  const t = new Date(at).getTime();
  if (Number.isNaN(t)) throw new Error("fixedClock: invalid time");
  return { now: () => new Date(t) };
}

/** The process clock the configuration asks for: TRYGGVE_CLOCK's instant, ticking, or the system clock. */
export function clockFromConfig(config: { TRYGGVE_CLOCK?: string }): Clock {
  return config.TRYGGVE_CLOCK ? clockStartingAt(new Date(config.TRYGGVE_CLOCK)) : systemClock;
}
