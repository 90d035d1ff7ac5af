/** Per-participant limits on observations. Pure; the service reads the numbers from the database. */

export const OBSERVATION_MIN_INTERVAL_MS = 5_000;
export const OBSERVATIONS_PER_WALK = 200;

export type RateDecision = { ok: true } | { ok: false; error: "walks.errors.tooFast" | "walks.errors.tooMany"; retryAfterMs?: number };

export function checkObservationRate(input: { lastAt: string | null; countInWalk: number; now: Date }): RateDecision {
  if (input.countInWalk >= OBSERVATIONS_PER_WALK) return { ok: false, error: "walks.errors.tooMany" };
  if (input.lastAt) {
    const elapsed = input.now.getTime() - Date.parse(input.lastAt);
    if (elapsed < OBSERVATION_MIN_INTERVAL_MS) {
      return { ok: false, error: "walks.errors.tooFast", retryAfterMs: OBSERVATION_MIN_INTERVAL_MS - Math.max(0, elapsed) };
    }
  }
  return { ok: true };
}
