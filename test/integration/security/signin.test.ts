// Issue 10, finding 2: 30 parallel sign-ins for one account (29 wrong, 1 right) all got a
// password check (the throttle was read before any attempt was recorded) and the right one got
// in; five failures from one IP locked every colleague behind the same NAT out.
// docs/security.md, "Sign-in throttling". Through the real route action, on a real SQLite file.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb } from "../../helpers/db";
import { makeStaff, TEST_PASSWORD } from "../../helpers/factories";
import { formRequest, testContext } from "../../helpers/context";
import { action as signInAction } from "~/routes/personal.logga-in";
import { lockoutSeconds, SIGN_IN_LIMITS } from "~/domain/staff/throttle.server";

let db: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  db = await createTestDb({ file: true });
});
afterAll(async () => {
  await db.destroy();
});
afterEach(() => {
  vi.useRealTimers();
});

let ipSeq = 0;
/** A fresh client address per test, so the per-IP budget of one test does not leak into the next. */
const newIp = () => `198.51.100.${++ipSeq}`;

async function attempt(email: string, password: string, ip: string): Promise<Response> {
  const request = formRequest("/personal/logga-in", { email, password });
  return (await signInAction({ request, params: {}, context: testContext(db, { clientIp: ip }) })) as Response;
}

const failures = async (email: string) =>
  (await db.selectFrom("audit_log").select("details").where("action", "=", "auth.sign_in_failed").execute()).filter((r) =>
    (r.details ?? "").includes(`"${email}"`),
  ).length;

/** 30 sign-ins at once for one account from one address: 29 wrong passwords, the right one last. */
async function race(email: string, ip: string) {
  const passwords = [...Array.from({ length: 29 }, (_, i) => `wrong password number ${i}`), TEST_PASSWORD];
  const responses = await Promise.all(passwords.map((pw) => attempt(email, pw, ip)));
  return responses.map((r) => r.status);
}

describe("sign-in cannot be raced", () => {
  it("30 parallel sign-ins (29 wrong, then the right one): only the first 5 are checked, the right one is refused", async () => {
    await makeStaff(db, { email: "raced@example.org" });
    const ip = newIp();
    const statuses = await race("raced@example.org", ip);
    expect(statuses.filter((s) => s === 302)).toEqual([]);
    expect(statuses.at(-1)).toBe(429);
    // Whatever the order, no more than the limit ever reached the password check.
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeLessThanOrEqual(SIGN_IN_LIMITS.accountAttempts);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - checked);
    expect(await failures("raced@example.org")).toBe(checked);
    // Still locked afterwards: the right password alone does not get in either.
    expect((await attempt("raced@example.org", TEST_PASSWORD, newIp())).status).toBe(429);
    // One audit row for the lockout, not one per refused attempt.
    const throttled = await db.selectFrom("audit_log").select("details").where("action", "=", "auth.sign_in_throttled").execute();
    expect(throttled.filter((r) => (r.details ?? "").includes("raced@example.org"))).toHaveLength(1);
  });

  it("another account behind the same IP still signs in after the race", async () => {
    await makeStaff(db, { email: "victim@example.org" });
    await makeStaff(db, { email: "colleague@example.org" });
    const ip = newIp();
    await race("victim@example.org", ip);
    expect((await attempt("colleague@example.org", TEST_PASSWORD, ip)).status).toBe(302);
  });

  it("answers an unknown account exactly like a known one, throttled or not", async () => {
    await makeStaff(db, { email: "known@example.org" });
    const known = await race("known@example.org", newIp());
    const unknown = await race("nobody-here@example.org", newIp());
    expect([...unknown].sort()).toEqual([...known].sort());
    const [a, b] = await Promise.all([attempt("known@example.org", "x", newIp()), attempt("nobody-here@example.org", "x", newIp())]);
    expect([a.status, b.status]).toEqual([429, 429]);
    const body = async (r: Response) => ((await r.json()) as { errors: unknown }).errors;
    expect(await body(a)).toEqual(await body(b));
  });

  it("backs off: the first lockout lasts a minute, the next one two", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await makeStaff(db, { email: "backoff@example.org" });
    const ip = newIp();
    for (let i = 0; i < SIGN_IN_LIMITS.accountAttempts; i++) expect((await attempt("backoff@example.org", "wrong", ip)).status).toBe(401);
    const first = await attempt("backoff@example.org", TEST_PASSWORD, ip);
    expect(first.status).toBe(429);
    expect(first.headers.get("Retry-After")).toBe("60");
    vi.setSystemTime(Date.now() + 30_000);
    expect((await attempt("backoff@example.org", TEST_PASSWORD, ip)).status).toBe(429);
    vi.setSystemTime(Date.now() + 31_000);
    for (let i = 0; i < SIGN_IN_LIMITS.accountAttempts; i++) expect((await attempt("backoff@example.org", "wrong", newIp())).status).toBe(401);
    const second = await attempt("backoff@example.org", TEST_PASSWORD, newIp());
    expect(second.headers.get("Retry-After")).toBe("120");
    vi.setSystemTime(Date.now() + 121_000);
    // The right password after the lockout gets in, and clears the account's record.
    expect((await attempt("backoff@example.org", TEST_PASSWORD, newIp())).status).toBe(302);
    for (let i = 0; i < SIGN_IN_LIMITS.accountAttempts - 1; i++) expect((await attempt("backoff@example.org", "wrong", newIp())).status).toBe(401);
    expect((await attempt("backoff@example.org", TEST_PASSWORD, newIp())).status).toBe(302);
    expect([1, 2, 3, 6, 7, 20].map(lockoutSeconds)).toEqual([60, 120, 240, 1920, 3600, 3600]);
  });

  it("limits one IP to 50 failed attempts a minute across accounts; other addresses are not affected", async () => {
    await makeStaff(db, { email: "spray-target@example.org" });
    const ip = newIp();
    const statuses = await Promise.all(Array.from({ length: SIGN_IN_LIMITS.ipAttempts }, (_, i) => attempt(`sprayed${i}@example.org`, "wrong", ip)));
    expect(statuses.map((r) => r.status).filter((s) => s !== 401)).toEqual([]);
    const blocked = await attempt("spray-target@example.org", TEST_PASSWORD, ip);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await attempt("spray-target@example.org", TEST_PASSWORD, newIp())).status).toBe(302);
  });

  it("successful sign-ins give their IP point back, so an office behind one address is not limited by its own colleagues", async () => {
    const ip = newIp();
    const staff = await Promise.all(Array.from({ length: 12 }, (_, i) => makeStaff(db, { email: `office${i}@example.org` })));
    for (let round = 0; round < 5; round++) {
      for (const s of staff) expect((await attempt(s.email, TEST_PASSWORD, ip)).status).toBe(302);
    }
  });
});
