/**
 * Waiting in tests, said plainly.
 *
 * Something that should happen: wait for the thing itself, never sleep and then look.
 *   - a socket event: `nextEvent(socket, name, { where })` from ./realtime, started before the action;
 *   - a database row or any other state: `await expect.poll(() => query(), { timeout }).toBe(…)`;
 *   - an email: `smtp.waitFor(n)` / `smtp.waitForMatch(pred)` from ./smtp.
 *
 * Something that should NOT happen has no event to wait for. Prefer an ordering barrier:
 * after the action, cause something that must arrive after anything the action could have
 * sent (a later broadcast to the same socket, whose messages arrive in order), wait for that,
 * then assert on what was recorded (`recordEvents`). Where no such barrier exists,
 * `expectNothingWithin` is the one fixed wait in the test suite.
 */

/** The longest quiet window a test may ask for; longer ones make the suite slow for little gain. */
export const MAX_QUIET_MS = 2000;

/**
 * A deliberate, bounded wait for "nothing arrives": waits exactly `ms`, then runs `check`
 * (which should assert that the unwanted thing did not happen). It can only show that nothing
 * arrived within the window, and it makes the test `ms` slower, so keep `ms` small and use an
 * ordering barrier instead where one exists.
 */
export async function expectNothingWithin(ms: number, check: () => void | Promise<void>): Promise<void> {
  if (!(ms > 0 && ms <= MAX_QUIET_MS)) throw new Error(`expectNothingWithin: the window must be 1–${MAX_QUIET_MS} ms, not ${ms}`);
  await new Promise((resolve) => setTimeout(resolve, ms));
  await check();
}
